#include "policy/vision_chain.hpp"

#include <nlohmann/json.hpp>

#include "policy/limits.hpp"
#include "policy/resolve.hpp"

namespace autocut::policy {
namespace {

// OpenAI-compatible local servers (llama.cpp, LM Studio, vLLM) serve chat completions under /v1.
std::string openai_base(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (!url.ends_with("/v1")) url += "/v1";
  return url;
}

std::optional<VisionEndpoint> endpoint_for(const TaskPolicy& vision) {
  if (!vision.model || vision.endpoint.empty()) return std::nullopt;
  switch (vision.backend) {
    case Backend::ollama_gpu:
    case Backend::ollama_cpu:
      return VisionEndpoint{"ollama",
                            std::string(to_string(vision.backend)),
                            vision.endpoint,
                            *vision.model,
                            std::nullopt,
                            vision.limits.timeout,
                            vision.limits.context_tokens};
    case Backend::local_openai:
      return VisionEndpoint{"openai",      "local-openai", openai_base(vision.endpoint),
                            *vision.model, std::nullopt,   vision.limits.timeout};
    case Backend::cloud:
      return VisionEndpoint{
          "openai", "cloud", vision.endpoint, *vision.model, kCloudVisionKeyVariable, vision.limits.timeout};
    default:
      return std::nullopt;
  }
}

std::optional<VisionEndpoint> cloud_fallback(const core::HostFacts& facts, core::Level level) {
  if (!facts.cloud || !facts.cloud->vision.key_present) return std::nullopt;
  const auto& cloud = facts.cloud->vision;
  return VisionEndpoint{"openai",
                        "cloud",
                        cloud.base_url,
                        cloud.model,
                        kCloudVisionKeyVariable,
                        limits_for(TaskKind::vision, Backend::cloud, level, 1).timeout};
}

// Only what worked: a decoder the trials found failing is never tried on a user's video.
std::vector<core::DecoderTrial> proven_decoders(const core::HostFacts& facts) {
  std::vector<core::DecoderTrial> proven;
  if (facts.ffmpeg)
    for (const auto& trial : facts.ffmpeg->decode_trials)
      if (trial.works) proven.push_back(trial);
  return proven;
}

}  // namespace

VisionPlan vision_plan(const ExecutionPolicy& policy, const core::HostFacts& facts) {
  VisionPlan plan{policy.level, policy.vision.backend, {}, policy.vision.limits, proven_decoders(facts)};
  if (auto first = endpoint_for(policy.vision)) plan.chain.push_back(std::move(*first));
  if (policy.vision.backend != Backend::cloud)
    if (auto cloud = cloud_fallback(facts, policy.level)) plan.chain.push_back(std::move(*cloud));
  return plan;
}

VisionPlan vision_plan_only(const ExecutionPolicy& policy, const core::HostFacts& facts, Backend backend) {
  VisionPlan plan{policy.level, backend, {}, policy.vision.limits, proven_decoders(facts)};
  if (backend == Backend::builtin) return plan;
  if (policy.vision.backend == backend) {
    if (auto only = endpoint_for(policy.vision)) plan.chain.push_back(std::move(*only));
  } else if (backend == Backend::cloud) {
    if (auto cloud = cloud_fallback(facts, policy.level)) plan.chain.push_back(std::move(*cloud));
    plan.limits = limits_for(TaskKind::vision, Backend::cloud, policy.level, 1);
  }
  return plan;
}

std::optional<VisionPlan> vision_plan_for_backend(const core::RuntimeProfile& profile, const PolicyConfig& config,
                                                  core::Level level, Backend backend) {
  for (const auto candidate : {level, core::Level::local_cpu_only, core::Level::hybrid}) {
    auto plan = vision_plan_only(resolve(profile, config, candidate), profile.facts, backend);
    if (backend == Backend::builtin || !plan.chain.empty()) return plan;
  }
  return std::nullopt;
}

nlohmann::ordered_json chain_to_json(const VisionPlan& plan) {
  auto backends = nlohmann::ordered_json::array();
  for (const auto& endpoint : plan.chain) {
    nlohmann::ordered_json item{{"protocol", endpoint.protocol},
                                {"name", endpoint.name},
                                {"url", endpoint.url},
                                {"model", endpoint.model},
                                {"timeout_s", endpoint.timeout.count()}};
    if (endpoint.api_key_variable) item["api_key_env"] = *endpoint.api_key_variable;
    if (endpoint.context > 0) item["num_ctx"] = endpoint.context;
    backends.push_back(std::move(item));
  }
  auto decoders = nlohmann::ordered_json::array();
  for (const auto& trial : plan.hardware_decoders)
    decoders.push_back({{"hwaccel", trial.hwaccel}, {"sample", trial.sample}});
  return {{"backends", std::move(backends)},
          {"frames_per_scene", plan.limits.frames_per_scene},
          {"image_max_side", plan.limits.image_max_side},
          {"max_concurrent", plan.limits.max_concurrent},
          {"hardware_decoders", std::move(decoders)}};
}

}  // namespace autocut::policy
