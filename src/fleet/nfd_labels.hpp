// The profile as Kubernetes Node Feature Discovery labels, in the local feature source's file format
// (features.d: "<namespace>/<name>=<value>" lines, '#' comments), so a cluster scheduler can place AI jobs on the
// nodes that can run them. Pure.
#pragma once

#include <string>

#include "core/runtime_profile.hpp"
#include "policy/policy.hpp"

namespace autocut::fleet {

// `policy` is resolved at the effective level, which is labelled too: a node under pressure says so.
std::string nfd_feature_file(const core::RuntimeProfile& profile, const policy::ExecutionPolicy& policy);

// A Kubernetes label value: at most 63 characters of [A-Za-z0-9._-], beginning and ending alphanumeric; others
// become '-'. Empty when nothing is left.
std::string label_value(std::string_view text);

}  // namespace autocut::fleet
