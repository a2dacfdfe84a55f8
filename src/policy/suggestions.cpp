#include "policy/suggestions.hpp"

#include <array>
#include <cmath>
#include <cstdio>

namespace autocut::policy {
namespace {

struct KnownModel {
  const char* tag;
  std::uint64_t download_bytes;  // as `ollama list` shows them
};

// Vision models worth pulling, best first, with their download sizes (Ollama library, early 2025).
constexpr std::array<KnownModel, 5> kVisionCatalogue{{
    {"qwen2.5vl:7b", 5'969'245'856},
    {"llama3.2-vision:11b", 7'901'829'417},
    {"minicpm-v:8b", 5'487'736'562},
    {"llava:7b", 4'733'363'377},
    {"moondream", 1'738'451'197},
}};

std::string whole_gib(std::uint64_t bytes) {
  char text[16];
  std::snprintf(text, sizeof text, "%g", std::round(static_cast<double>(bytes) / double(1ull << 30)));
  return text;
}

}  // namespace

std::vector<Note> suggest(const core::RuntimeProfile& profile, const PolicyConfig& config,
                          const ExecutionPolicy& policy) {
  std::vector<Note> notes;
  const auto& facts = profile.facts;
  const bool runtimes_pending = core::still_checking(facts, "ai-runtimes");
  const auto* local = core::find_runtime(facts.runtimes, core::RuntimeKind::ollama);
  const bool vision_local =
      policy.vision.backend == Backend::ollama_gpu || policy.vision.backend == Backend::local_openai;

  if (local && !local->running && local->installed)
    notes.push_back({"start_ollama", {}});
  else if (local && !local->installed && !local->running)
    notes.push_back({"install_ollama", {}});

  // A GPU that could hold a better vision model than the one in use (or than none). Nothing is suggested for what
  // the AI servers, still being asked, may yet turn out to have.
  if (!runtimes_pending) {
    if (!vision_local && profile.best_gpu && profile.profile_class != core::Level::local_cpu_only) {
      const auto usable = profile.gpu_capacity.at(*profile.best_gpu).usable_bytes.value_or(0);
      const auto& gpu = facts.gpus.at(*profile.best_gpu);
      for (const auto& model : kVisionCatalogue)
        if (static_cast<double>(model.download_bytes) * config.fit_factor <= static_cast<double>(usable)) {
          notes.push_back({"pull_vision_model_for_gpu",
                           {{"model", model.tag}, {"gpu_gib", whole_gib(gpu.memory_total_bytes.value_or(usable))}}});
          break;
        }
    } else if (policy.vision.backend == Backend::builtin || policy.vision.backend == Backend::cloud) {
      if (config.use_local_vision && policy.level != core::Level::hybrid)
        notes.push_back({"pull_small_vision_model", {{"model", "moondream"}}});
    }
    if (!(facts.cloud && facts.cloud->vision.key_present) && policy.vision.backend == Backend::builtin)
      notes.push_back({"set_vision_key", {}});
  }
  if (policy.planning.backend == Backend::none) notes.push_back({"set_planning_key", {}});
  if (policy.editing.backend == Backend::none && !core::not_asked(facts, "ffmpeg"))
    notes.push_back({facts.os && facts.os->windows() ? "install_ffmpeg_windows" : "install_ffmpeg", {}});
  if (facts.resolve && !facts.resolve->studio.value_or(false)) notes.push_back({"resolve_needs_studio", {}});
  return notes;
}

}  // namespace autocut::policy
