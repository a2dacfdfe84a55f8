// Where vision work is sent, in the order to try — what the analysis worker is told. The policy's backend first;
// the cloud next when its key is set and the policy has not chosen it already; the builtin analyzer last (the
// worker always ends with it, so it is not listed). Pure.
#pragma once

#include <chrono>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/host_facts.hpp"
#include "core/runtime_profile.hpp"
#include "policy/policy.hpp"
#include "policy/policy_config.hpp"

namespace autocut::policy {

// The environment variable the worker reads the cloud key from; the key itself never travels in a job.
inline constexpr const char* kCloudVisionKeyVariable = "OPENAI_API_KEY";

struct VisionEndpoint {
  std::string protocol;  // "ollama" or "openai" (chat completions)
  std::string name;      // the policy's backend name: ollama-gpu, ollama-cpu, local-openai, cloud
  std::string url;       // for "openai", the base the path /chat/completions is appended to
  std::string model;
  std::optional<std::string> api_key_variable;
  std::chrono::seconds timeout{120};
  int context = 0;  // Ollama's num_ctx, the context the fit was sized for; 0: the runtime's default
};

struct VisionPlan {
  core::Level level = core::Level::local_cpu_only;  // the level the policy was resolved at
  Backend backend = Backend::builtin;               // the policy's choice
  std::vector<VisionEndpoint> chain;
  Limits limits;
  // The GPU decoders the decode trials proved (hwaccel, sample), for the keyframes' decoding.
  std::vector<core::DecoderTrial> hardware_decoders;
};

VisionPlan vision_plan(const ExecutionPolicy& policy, const core::HostFacts& facts);
// Only `backend` (then the builtin analyzer): an explicit choice the policy's changes do not override.
VisionPlan vision_plan_only(const ExecutionPolicy& policy, const core::HostFacts& facts, Backend backend);

// An explicit choice of backend: the plan at the first level that runs vision there — `level`, then CPU-only, then
// hybrid — so that ollama-cpu finds the CPU model on a GPU machine. Nullopt when nothing runs vision there here.
std::optional<VisionPlan> vision_plan_for_backend(const core::RuntimeProfile& profile, const PolicyConfig& config,
                                                  core::Level level, Backend backend);

// The chain as the worker reads it: {"backends": [...], "frames_per_scene", "image_max_side", "max_concurrent",
// "hardware_decoders": [{"hwaccel", "sample"}]}.
nlohmann::ordered_json chain_to_json(const VisionPlan& plan);

}  // namespace autocut::policy
