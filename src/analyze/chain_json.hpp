// The chain and retry settings as the worker receives them in JSON. Keys come from the environment variable a
// backend names ("api_key_env"), never from the JSON itself. Missing or wrong-typed fields take their defaults;
// a backend without a URL or a model is left out.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "analyze/analyze_job.hpp"

namespace autocut::analyze {

Chain chain_from_json(const nlohmann::ordered_json& chain);
RetryPolicy retry_from_json(const nlohmann::ordered_json& retry);

}  // namespace autocut::analyze
