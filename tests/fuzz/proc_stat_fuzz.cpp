// libFuzzer entry for /proc/stat's cpu line: any bytes must parse or be rejected, never crash or leak.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sys/parse/proc_stat.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (const auto times = autocut::sys::parse::parse_proc_stat_cpu(text)) {
    // A reading compared with itself has no elapsed time, so no percentage.
    if (autocut::sys::parse::cpu_percent(*times, *times)) __builtin_trap();
  }
  return 0;
}
