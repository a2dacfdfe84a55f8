// libFuzzer entry for parse_meminfo: any bytes must parse or be rejected, never crash or leak.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sys/parse/meminfo.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)autocut::sys::parse::parse_meminfo(text);
  return 0;
}
