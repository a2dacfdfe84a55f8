// Can-I-run: where one task of a kind would run now, and why (or why it cannot). Pure; the CLI's `autocut admit`
// and the service call it.
#pragma once

#include <optional>
#include <string>

#include "core/runtime_profile.hpp"
#include "policy/policy.hpp"
#include "policy/policy_config.hpp"

namespace autocut::policy {

struct Admission {
  bool admitted = false;  // some backend can take it
  TaskPolicy task;
};

// `model` asks about one vision model in particular (as LOCAL_VISION_MODEL would pin it).
Admission admit(const core::RuntimeProfile& profile, PolicyConfig config, core::Level level, TaskKind kind,
                const std::optional<std::string>& model = std::nullopt);

}  // namespace autocut::policy
