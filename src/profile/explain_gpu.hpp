// The GPU part of the explanation: one line per GPU, and why the machine has its class. Pure.
#pragma once

#include <string>
#include <vector>

#include "core/runtime_profile.hpp"
#include "profile/wording.hpp"

namespace autocut::profile {

std::vector<std::string> gpu_lines(const core::RuntimeProfile& profile, const wording::Phrases& say);
std::string class_reason(const core::RuntimeProfile& profile, const wording::Phrases& say);

}  // namespace autocut::profile
