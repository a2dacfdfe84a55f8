// libFuzzer entry for parse_saved_profile (runtime_profile.json): any bytes must parse or be rejected, never crash or
// leak.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "profile/profile_store.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)autocut::profile::parse_saved_profile(text);
  return 0;
}
