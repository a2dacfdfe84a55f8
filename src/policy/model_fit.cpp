#include "policy/model_fit.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>
#include <tuple>

namespace autocut::policy {
namespace {

// Ollama library names, best first, from their published benchmarks and sizes: a newer family beats an older one,
// and within a family the larger tag wins (see vision_quality).
constexpr std::array<std::string_view, 10> kVisionFamilies{"qwen2.5vl",    "llama3.2-vision", "gemma3", "minicpm-v",
                                                           "llava-llama3", "llava:13b",       "llava",  "bakllava",
                                                           "llava-phi3",   "moondream"};

bool same_model(const std::string& installed, const std::string& wanted) {
  // "moondream" names "moondream:latest".
  return installed == wanted || installed == wanted + ":latest";
}

bool is_usable_local(const core::AiRuntime& runtime, const core::AiModel& model) {
  return runtime.running && !model.remote;
}

}  // namespace

std::optional<std::uint64_t> estimated_need(const core::AiModel& model, double fit_factor) {
  if (model.loaded && model.loaded_bytes) return model.loaded_bytes;
  if (!model.size_bytes) return std::nullopt;
  return static_cast<std::uint64_t>(std::ceil(static_cast<double>(*model.size_bytes) * fit_factor));
}

int vision_quality(const std::string& name) {
  for (std::size_t i = 0; i < kVisionFamilies.size(); ++i)
    if (name.starts_with(kVisionFamilies[i])) return static_cast<int>(kVisionFamilies.size() - i);
  return 0;
}

VisionChoice choose_vision_model(const std::vector<core::AiRuntime>& runtimes, std::uint64_t budget, double fit_factor,
                                 const std::optional<std::string>& pinned) {
  VisionChoice result;
  std::optional<ModelChoice> best;
  bool pinned_seen = false;
  for (const auto& runtime : runtimes)
    for (const auto& model : runtime.models) {
      if (!is_usable_local(runtime, model) || !model.vision.value_or(false)) continue;
      const auto need = estimated_need(model, fit_factor);
      const bool is_pinned = pinned && same_model(model.name, *pinned);
      pinned_seen = pinned_seen || is_pinned;
      // A server that has the model loaded already (llama.cpp, vLLM) has no size to check: it is running.
      const bool fits = need ? *need <= budget : model.loaded;
      if (is_pinned && !fits) result.pinned_too_big = true;
      if (!fits) continue;
      const ModelChoice candidate{&runtime, &model, need.value_or(0)};
      if (is_pinned) {
        result.choice = candidate;
        return result;
      }
      const auto better = [&](const ModelChoice& a, const ModelChoice& b) {
        return std::make_tuple(vision_quality(a.model->name), a.need_bytes) >
               std::make_tuple(vision_quality(b.model->name), b.need_bytes);
      };
      if (!best || better(candidate, *best)) best = candidate;
    }
  result.pinned_missing = pinned && !pinned_seen;
  result.choice = best;
  return result;
}

std::optional<ModelChoice> choose_planner_model(const std::vector<core::AiRuntime>& runtimes, std::uint64_t budget,
                                                double fit_factor) {
  std::optional<ModelChoice> best;
  for (const auto& runtime : runtimes) {
    if (runtime.kind != core::RuntimeKind::ollama) continue;
    for (const auto& model : runtime.models) {
      if (!is_usable_local(runtime, model) || model.vision.value_or(false)) continue;
      const auto& caps = model.capabilities;
      if (std::find(caps.begin(), caps.end(), "completion") == caps.end()) continue;
      const auto need = estimated_need(model, fit_factor);
      if (!need || *need > budget) continue;
      if (!best || *need > best->need_bytes) best = ModelChoice{&runtime, &model, *need};
    }
  }
  return best;
}

}  // namespace autocut::policy
