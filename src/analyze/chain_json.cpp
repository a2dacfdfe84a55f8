#include "analyze/chain_json.hpp"

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>

namespace autocut::analyze {
namespace {

using json = nlohmann::ordered_json;

template <typename T>
T field(const json& object, const char* name, T fallback) {
  if (!object.is_object() || !object.contains(name)) return fallback;
  const auto& value = object[name];
  if constexpr (std::is_same_v<T, std::string>)
    return value.is_string() ? value.get<std::string>() : fallback;
  else
    return value.is_number() ? value.get<T>() : fallback;
}

}  // namespace

Chain chain_from_json(const json& chain) {
  Chain result;
  result.frames_per_scene = std::clamp(field(chain, "frames_per_scene", 1), 1, 3);
  result.image_max_side = std::clamp(field(chain, "image_max_side", 512), 64, 4096);
  result.max_concurrent = std::clamp(field(chain, "max_concurrent", 1), 1, 16);
  if (chain.is_object() && chain.contains("hardware_decoders") && chain["hardware_decoders"].is_array())
    for (const auto& item : chain["hardware_decoders"]) {
      ProvenDecoder decoder{field(item, "hwaccel", std::string()), field(item, "sample", std::string())};
      if (!decoder.hwaccel.empty() && !decoder.sample.empty()) result.hardware_decoders.push_back(std::move(decoder));
    }
  if (!chain.is_object() || !chain.contains("backends") || !chain["backends"].is_array()) return result;
  for (const auto& item : chain["backends"]) {
    BackendConfig backend;
    backend.protocol = field(item, "protocol", std::string("ollama"));
    backend.name = field(item, "name", backend.protocol);
    backend.url = field(item, "url", std::string());
    backend.model = field(item, "model", std::string());
    const double timeout_s = std::clamp(field(item, "timeout_s", 60.0), 0.1, 3600.0);
    backend.timeout = std::chrono::milliseconds(static_cast<long>(timeout_s * 1000));
    if (const auto variable = field(item, "api_key_env", std::string()); !variable.empty())
      if (const char* key = std::getenv(variable.c_str()); key && *key) backend.api_key = key;
    backend.context = std::clamp(field(item, "num_ctx", 0), 0, 1 << 20);
    if ((backend.protocol == "ollama" || backend.protocol == "openai") && !backend.url.empty() &&
        !backend.model.empty())
      result.backends.push_back(std::move(backend));
  }
  return result;
}

RetryPolicy retry_from_json(const json& retry) {
  RetryPolicy result;
  result.max_attempts = std::clamp(field(retry, "max_attempts", result.max_attempts), 1, 10);
  result.first_wait_s = std::clamp(field(retry, "first_wait_s", result.first_wait_s), 0.0, 60.0);
  result.max_wait_s = std::clamp(field(retry, "max_wait_s", result.max_wait_s), 0.0, 300.0);
  return result;
}

}  // namespace autocut::analyze
