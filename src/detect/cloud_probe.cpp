#include "detect/probe.hpp"

namespace autocut::detect {

ProbeOutcome cloud_from_settings(const DetectOptions& options, core::HostFacts& facts) {
  facts.cloud = options.cloud;
  const auto& cloud = *facts.cloud;
  if (!cloud.vision.key_present && !cloud.planning.key_present)
    return absent("no cloud API key is set (OPENAI_API_KEY for vision, DEEPSEEK_API_KEY for planning)");
  std::string detail;
  if (cloud.vision.key_present) detail += "vision: " + cloud.vision.model + " at " + cloud.vision.base_url;
  if (cloud.planning.key_present)
    detail += (detail.empty() ? "" : "; ") + std::string("planning: ") + cloud.planning.model + " at " +
              cloud.planning.base_url;
  return ok(detail + " (keys set; not contacted)");
}

ProbeOutcome probe_cloud(const ProbeContext& context, core::HostFacts& facts) {
  return cloud_from_settings(context.options, facts);
}

}  // namespace autocut::detect
