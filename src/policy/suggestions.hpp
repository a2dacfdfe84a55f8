// What a person could do to run more locally or at all, following from what the policy could not do. Pure.
#pragma once

#include <vector>

#include "core/runtime_profile.hpp"
#include "policy/policy.hpp"
#include "policy/policy_config.hpp"

namespace autocut::policy {

std::vector<Note> suggest(const core::RuntimeProfile& profile, const PolicyConfig& config,
                          const ExecutionPolicy& policy);

}  // namespace autocut::policy
