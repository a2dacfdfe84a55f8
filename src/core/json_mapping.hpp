// The JSON form of the runtime profile (runtime_profile.json). Keeps the original system's field names as a subset.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "core/runtime_profile.hpp"

namespace autocut::core {

nlohmann::ordered_json profile_to_json(const RuntimeProfile& profile);

}  // namespace autocut::core
