// libFuzzer entry for parse_psi: any bytes must parse or be rejected, never crash or leak.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sys/parse/psi.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)autocut::sys::parse::parse_psi(text);
  return 0;
}
