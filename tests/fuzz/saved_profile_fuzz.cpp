// libFuzzer entry for runtime_profile.json: any bytes must be accepted or rejected by parse_saved_profile, and read
// back or refused (naming the field) by profile_from_document, never crash or leak.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "profile/load_profile.hpp"
#include "profile/profile_store.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (autocut::profile::parse_saved_profile(text).profile)
    (void)autocut::profile::profile_from_document(nlohmann::ordered_json::parse(text, nullptr, false));
  return 0;
}
