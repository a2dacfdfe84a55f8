#include "fleet/nfd_labels.hpp"

#include <cctype>
#include <cmath>

namespace autocut::fleet {
namespace {

constexpr std::string_view kPrefix = "feature.node.kubernetes.io/autocut.";

bool alphanumeric(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

}  // namespace

std::string label_value(std::string_view text) {
  std::string value;
  for (const char c : text.substr(0, 63)) value += alphanumeric(c) || c == '.' || c == '_' || c == '-' ? c : '-';
  while (!value.empty() && !alphanumeric(value.front())) value.erase(0, 1);
  while (!value.empty() && !alphanumeric(value.back())) value.pop_back();
  return value;
}

std::string nfd_feature_file(const core::RuntimeProfile& profile, const policy::ExecutionPolicy& policy) {
  std::string file = "# Written by autocut; rewritten whenever the effective level changes.\n";
  const auto line = [&](std::string_view name, std::string_view value) {
    if (const auto clean = label_value(value); !clean.empty())
      file += std::string(kPrefix) + std::string(name) + "=" + clean + "\n";
  };
  line("profile-class", core::to_string(profile.profile_class));
  line("level", core::to_string(policy.level));
  if (profile.best_gpu && *profile.best_gpu < profile.facts.gpus.size()) {
    const auto& gpu = profile.facts.gpus[*profile.best_gpu];
    line("gpu-vendor", core::to_string(gpu.vendor));
    if (gpu.memory_total_bytes)
      line("gpu-vram-gib",
           std::to_string(std::lround(static_cast<double>(*gpu.memory_total_bytes) / (1024.0 * 1024.0 * 1024.0))));
  } else {
    line("gpu-vendor", "none");
  }
  const auto vision = policy.vision.backend;
  const bool local_vision = vision == policy::Backend::ollama_gpu || vision == policy::Backend::ollama_cpu ||
                            vision == policy::Backend::local_openai;
  line("local-vision", local_vision ? "true" : "false");
  line("vision-backend", policy::to_string(vision));
  line("editor", policy::to_string(policy.editing.backend));
  return file;
}

}  // namespace autocut::fleet
