// Which installed model to use: estimated footprints against a memory budget, and a quality order. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/host_facts.hpp"

namespace autocut::policy {

struct ModelChoice {
  const core::AiRuntime* runtime = nullptr;
  const core::AiModel* model = nullptr;
  std::uint64_t need_bytes = 0;
};

// What the model takes once loaded: what the runtime measured when it is loaded, else its download size × factor.
std::optional<std::uint64_t> estimated_need(const core::AiModel& model, double fit_factor);

// Larger, newer vision families first; unknown families after the known ones.
int vision_quality(const std::string& name);

struct VisionChoice {
  std::optional<ModelChoice> choice;
  bool pinned_missing = false;  // LOCAL_VISION_MODEL is not installed
  bool pinned_too_big = false;  // LOCAL_VISION_MODEL is installed but does not fit
};

// The best running, local, vision-capable model whose need fits `budget`; `pinned` wins when it fits.
VisionChoice choose_vision_model(const std::vector<core::AiRuntime>& runtimes, std::uint64_t budget, double fit_factor,
                                 const std::optional<std::string>& pinned);

// The largest local instruction (non-vision, non-embedding) model on Ollama that fits `budget`.
std::optional<ModelChoice> choose_planner_model(const std::vector<core::AiRuntime>& runtimes, std::uint64_t budget,
                                                double fit_factor);

}  // namespace autocut::policy
