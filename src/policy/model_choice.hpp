// Which installed model to use, and how it fits: each candidate's memory estimated from its own metadata at the context
// its task needs, placed on the devices at hand, checked against what the runtime measured, and ranked. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/host_facts.hpp"
#include "model_fit/memory_estimate.hpp"
#include "model_fit/placement.hpp"
#include "policy/policy.hpp"
#include "policy/policy_config.hpp"

namespace autocut::policy {

// What one request of the task asks of the model.
struct FitNeeds {
  int frames = 0;           // images per request, at most; 0 for text
  int image_side = 768;     // the longer side images are sent at
  int text_context = 8192;  // a text task's context, shrunk as far as kMinimumContext when short
  model_fit::KvCacheType kv = model_fit::KvCacheType::f16;
};

// No context below this: what llama.cpp's --fit shrinks to at the least, and Ollama's default.
inline constexpr int kMinimumContext = 4096;

struct ModelChoice {
  const core::AiRuntime* runtime = nullptr;
  const core::AiModel* model = nullptr;
  FitReport fit;

  bool whole() const { return fit.layers == 0 ? fit.gpu_share >= 1.0 : fit.gpu_layers == fit.layers; }
};

// The model's fit on `devices`: at most `needs.frames` per request, fewer when that makes it fit whole. Nullopt when
// nothing says what it takes (a server's model without sizes).
std::optional<FitReport> fit_model(const core::AiModel& model, const std::vector<model_fit::FitDevice>& devices,
                                   bool may_split, const FitNeeds& needs, const PolicyConfig& config);

// Larger, newer vision families first; unknown families after the known ones.
int vision_quality(const std::string& name);

struct VisionChoice {
  std::optional<ModelChoice> choice;
  bool partial = false;         // the choice holds only some of its layers on the GPUs
  bool pinned_missing = false;  // LOCAL_VISION_MODEL is not installed
  bool pinned_too_big = false;  // LOCAL_VISION_MODEL is installed but does not fit
};

// The best running, local, vision-capable model that fits whole; `pinned` wins when it fits. With `allow_partial`,
// when none fits whole, the best that keeps at least half of itself on the GPUs (below that the CPU sets the pace).
VisionChoice choose_vision_model(const std::vector<core::AiRuntime>& runtimes,
                                 const std::vector<model_fit::FitDevice>& devices, bool may_split,
                                 const FitNeeds& needs, const PolicyConfig& config, bool allow_partial);

// The largest local instruction (non-vision, non-embedding) model on Ollama that fits whole.
std::optional<ModelChoice> choose_planner_model(const std::vector<core::AiRuntime>& runtimes,
                                                const std::vector<model_fit::FitDevice>& devices, const FitNeeds& needs,
                                                const PolicyConfig& config);

}  // namespace autocut::policy
