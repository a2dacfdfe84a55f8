#include "policy/model_choice.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>
#include <tuple>

namespace autocut::policy {
namespace {

using model_fit::FitDevice;
using model_fit::MemoryEstimate;
using model_fit::Placement;

// Ollama library names, best first, from their published benchmarks and sizes: a newer family beats an older one,
// and within a family the larger tag wins (see vision_quality).
constexpr std::array<std::string_view, 10> kVisionFamilies{"qwen2.5vl",    "llama3.2-vision", "gemma3", "minicpm-v",
                                                           "llava-llama3", "llava:13b",       "llava",  "bakllava",
                                                           "llava-phi3",   "moondream"};

// The instructions and the JSON answer around a request's images, in tokens.
constexpr int kPromptTokens = 1536;
constexpr int kContextStep = 1024;
// Below half of itself on the GPUs, a model runs at the CPU's pace: a smaller one that fits is better.
constexpr double kLeastGpuShare = 0.5;

bool same_model(const std::string& installed, const std::string& wanted) {
  // "moondream" names "moondream:latest".
  return installed == wanted || installed == wanted + ":latest";
}

bool is_usable_local(const core::AiRuntime& runtime, const core::AiModel& model) {
  return runtime.running && !model.remote;
}

int round_up(int value, int step) { return (value + step - 1) / step * step; }

// A model a server holds with a context of its own (llama.cpp's -c, LM Studio's load settings): requests cannot
// change it, and where it sits only the server knows.
bool held_by_server(const core::AiModel& model) { return model.loaded && !model.loaded_bytes; }

// What the runtime measured the model taking at `context`: loaded now, else kept from an earlier run. A figure
// measured at another context says nothing about this one.
std::optional<MeasuredFit> measured_for(const core::AiModel& model, int context, const PolicyConfig& config) {
  const auto matches = [&](const std::optional<int>& measured) { return !measured || *measured == context; };
  if (const auto now = model_fit::measured_now(model); now && matches(now->context)) return now;
  for (const auto& measured : config.measured)
    if (measured.model == model.name && matches(measured.context) && measured.bytes > 0) return measured;
  return std::nullopt;
}

// The estimate brought to what was measured, each part in proportion.
MemoryEstimate scaled(MemoryEstimate estimate, std::uint64_t measured) {
  const auto total = estimate.total();
  if (total == 0) return estimate;
  const double factor = static_cast<double>(measured) / static_cast<double>(total);
  for (auto* part : {&estimate.weights_bytes, &estimate.kv_cache_bytes, &estimate.graph_bytes,
                     &estimate.projector_bytes, &estimate.image_bytes})
    *part = static_cast<std::uint64_t>(std::llround(static_cast<double>(*part) * factor));
  return estimate;
}

// Token generation reads every weight and the cache once per token: each device's part over its bandwidth.
std::optional<double> tokens_per_second(const MemoryEstimate& used, const Placement& placement,
                                        const std::vector<FitDevice>& devices) {
  if (!placement.whole()) return std::nullopt;
  const auto per_layer = static_cast<double>(used.weights_bytes + used.kv_cache_bytes) / used.layers;
  double seconds = 0;
  for (const auto& share : placement.devices) {
    const auto device = std::find_if(devices.begin(), devices.end(), [&](const auto& d) { return d.id == share.id; });
    if (device == devices.end() || !device->memory_bandwidth || *device->memory_bandwidth <= 0) return std::nullopt;
    seconds += per_layer * share.layers / *device->memory_bandwidth;
  }
  if (seconds <= 0) return std::nullopt;
  return std::round(10.0 / seconds) / 10.0;
}

FitReport report_of(const MemoryEstimate& predicted, const MemoryEstimate& used, const Placement& placement,
                    const std::optional<MeasuredFit>& measured, const std::vector<FitDevice>& devices, int frames,
                    model_fit::KvCacheType kv) {
  FitReport report;
  report.basis = "metadata";
  report.context = predicted.context;
  report.frames = frames;
  report.kv_cache = std::string(model_fit::to_string(kv));
  report.weights_bytes = used.weights_bytes;
  report.kv_cache_bytes = used.kv_cache_bytes;
  report.graph_bytes = used.graph_bytes;
  report.projector_bytes = used.projector_bytes;
  report.image_bytes = used.image_bytes;
  report.predicted_bytes = predicted.total();
  if (measured) {
    report.measured_bytes = measured->bytes;
    report.measured_vram_bytes = measured->vram_bytes;
  }
  for (const auto& device : devices) report.usable_bytes = std::max(report.usable_bytes, device.usable_bytes);
  report.layers = placement.total_layers;
  report.gpu_layers = placement.gpu_layers;
  report.gpu_share = std::round(placement.gpu_share() * 1000.0) / 1000.0;
  for (const auto& share : placement.devices) report.devices.push_back({share.id, share.layers, share.bytes});
  report.tokens_per_second = tokens_per_second(used, placement, devices);
  return report;
}

// (frames, context) to try, most frames first: each image's tokens and the prompt within the trained context.
std::vector<std::pair<int, int>> tries_for(const core::ModelShape& shape, const FitNeeds& needs) {
  std::vector<std::pair<int, int>> tries;
  const int trained = shape.context_length.value_or(1 << 30);
  if (needs.frames > 0 && shape.projector) {
    const int tokens = model_fit::tokens_per_image(*shape.projector, needs.image_side);
    for (int frames = needs.frames; frames >= 1; --frames) {
      const int wanted = frames * tokens + kPromptTokens;
      if (wanted > trained && frames > 1) continue;
      tries.emplace_back(frames, std::min(std::max(round_up(wanted, kContextStep), kMinimumContext), trained));
    }
    return tries;
  }
  const int context = std::min(needs.text_context, trained);
  tries.emplace_back(0, context);
  if (context > kMinimumContext) tries.emplace_back(0, std::min(kMinimumContext, trained));
  return tries;
}

// A model the runtime gives no architecture for: its loaded size, else its download size × the fit factor, whole.
std::optional<FitReport> fit_by_size(const core::AiModel& model, const std::vector<FitDevice>& devices,
                                     const PolicyConfig& config) {
  std::optional<std::uint64_t> need;
  FitReport report;
  if (model.loaded && model.loaded_bytes) {
    need = model.loaded_bytes;
    report.basis = "loaded";
    report.measured_bytes = model.loaded_bytes;
    report.measured_vram_bytes = model.loaded_vram_bytes;
  } else if (model.size_bytes) {
    need = static_cast<std::uint64_t>(std::ceil(static_cast<double>(*model.size_bytes) * config.fit_factor));
    report.basis = "size";
  }
  if (!need) return std::nullopt;
  report.predicted_bytes = *need;
  for (const auto& device : devices) {
    report.usable_bytes = std::max(report.usable_bytes, device.usable_bytes);
    if (*need <= device.usable_bytes && report.devices.empty()) report.devices.push_back({device.id, 0, *need});
  }
  report.gpu_share = report.devices.empty() ? 0.0 : 1.0;
  return report;
}

}  // namespace

std::optional<FitReport> fit_model(const core::AiModel& model, const std::vector<FitDevice>& given, bool may_split,
                                   const FitNeeds& needs, const PolicyConfig& config) {
  // A model loaded on a GPU already holds memory the device reports as used: it would not need it twice.
  auto devices = given;
  if (model.loaded && model.loaded_vram_bytes && !devices.empty())
    devices.front().usable_bytes += *model.loaded_vram_bytes;
  if (!model.shape || (!model.size_bytes && !model.shape->weights_bytes)) return fit_by_size(model, devices, config);
  const auto& shape = *model.shape;
  std::optional<FitReport> last;
  auto tries = tries_for(shape, needs);
  if (held_by_server(model) && model.loaded_context) tries = {{needs.frames, *model.loaded_context}};
  for (const auto& [frames, context] : tries) {
    const model_fit::EstimateRequest request{context, needs.kv, 512, frames, needs.image_side};
    const auto predicted = model_fit::estimate_memory(shape, model.size_bytes.value_or(0), request);
    const auto measured = measured_for(model, context, config);
    const auto used = measured ? scaled(predicted, measured->bytes) : predicted;
    const auto placement = model_fit::place(used, devices, may_split);
    last = report_of(predicted, used, placement, measured, devices, frames, needs.kv);
    if (placement.whole()) break;
  }
  return last;
}

int vision_quality(const std::string& name) {
  for (std::size_t i = 0; i < kVisionFamilies.size(); ++i)
    if (name.starts_with(kVisionFamilies[i])) return static_cast<int>(kVisionFamilies.size() - i);
  return 0;
}

VisionChoice choose_vision_model(const std::vector<core::AiRuntime>& runtimes, const std::vector<FitDevice>& devices,
                                 bool may_split, const FitNeeds& needs, const PolicyConfig& config,
                                 bool allow_partial) {
  VisionChoice result;
  std::optional<ModelChoice> best_whole;
  std::optional<ModelChoice> best_partial;
  const auto& pinned = config.local_vision_model;
  bool pinned_seen = false;
  for (const auto& runtime : runtimes)
    for (const auto& model : runtime.models) {
      if (!is_usable_local(runtime, model) || !model.vision.value_or(false)) continue;
      const bool is_pinned = pinned && same_model(model.name, *pinned);
      pinned_seen = pinned_seen || is_pinned;
      const auto fit = fit_model(model, devices, may_split, needs, config);
      const ModelChoice candidate{&runtime, &model, fit.value_or(FitReport{.basis = "loaded"})};
      // What a server holds loaded (llama.cpp, LM Studio, vLLM) is running, whatever an estimate says of the memory
      // left beside it, or where nothing says what it takes.
      const bool whole = held_by_server(model) || (fit && candidate.whole());
      const bool partial =
          allow_partial && !whole && fit && fit->layers > 0 && fit->gpu_layers > 0 && fit->gpu_share >= kLeastGpuShare;
      if (is_pinned && !whole && !partial) result.pinned_too_big = true;
      if (!whole && !partial) continue;
      if (is_pinned) {
        result.choice = candidate;
        result.partial = partial;
        return result;
      }
      auto& best = whole ? best_whole : best_partial;
      const auto rank = [&](const ModelChoice& choice) {
        return std::make_tuple(vision_quality(choice.model->name), whole ? 0.0 : choice.fit.gpu_share,
                               choice.fit.predicted_bytes);
      };
      if (!best || rank(candidate) > rank(*best)) best = candidate;
    }
  result.pinned_missing = pinned && !pinned_seen;
  result.choice = best_whole ? best_whole : best_partial;
  result.partial = !best_whole && best_partial;
  return result;
}

std::optional<ModelChoice> choose_planner_model(const std::vector<core::AiRuntime>& runtimes,
                                                const std::vector<FitDevice>& devices, const FitNeeds& needs,
                                                const PolicyConfig& config) {
  std::optional<ModelChoice> best;
  for (const auto& runtime : runtimes) {
    if (runtime.kind != core::RuntimeKind::ollama) continue;
    for (const auto& model : runtime.models) {
      if (!is_usable_local(runtime, model) || model.vision.value_or(false)) continue;
      const auto& caps = model.capabilities;
      if (std::find(caps.begin(), caps.end(), "completion") == caps.end()) continue;
      const auto fit = fit_model(model, devices, false, needs, config);
      if (!fit) continue;
      const ModelChoice candidate{&runtime, &model, *fit};
      if (!candidate.whole()) continue;
      if (!best || candidate.fit.predicted_bytes > best->fit.predicted_bytes) best = candidate;
    }
  }
  return best;
}

}  // namespace autocut::policy
