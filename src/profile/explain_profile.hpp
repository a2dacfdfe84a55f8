// The runtime profile in plain words, in English or Chinese, as the original's "系统运行模式" block. Pure.
#pragma once

#include <string>

#include "core/language.hpp"
#include "core/runtime_profile.hpp"

namespace autocut::profile {

std::string explain_profile(const core::RuntimeProfile& profile, core::Language language);

}  // namespace autocut::profile
