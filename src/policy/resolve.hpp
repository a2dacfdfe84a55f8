// From the machine to what runs where: a pure, deterministic function of the profile, the configuration and a
// level. The level is the lowest of the detected class, a manual floor and (later) what the monitor demands.
#pragma once

#include <optional>

#include "core/runtime_profile.hpp"
#include "policy/policy.hpp"
#include "policy/policy_config.hpp"

namespace autocut::policy {

// The weaker of the two: a floor can only lower the level, never raise it above what the machine is.
core::Level effective_level(core::Level detected, std::optional<core::Level> floor);

ExecutionPolicy resolve(const core::RuntimeProfile& profile, const PolicyConfig& config, core::Level level);

}  // namespace autocut::policy
