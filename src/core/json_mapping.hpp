// The JSON form of the runtime profile (runtime_profile.json). Keeps the original system's field names as a subset.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "core/runtime_profile.hpp"

namespace autocut::core {

nlohmann::ordered_json profile_to_json(const RuntimeProfile& profile);

// The document as indented text. Host strings that are not valid UTF-8 (a corrupt cpuinfo) become U+FFFD
// instead of making serialisation fail.
std::string profile_to_json_text(const RuntimeProfile& profile);

}  // namespace autocut::core
