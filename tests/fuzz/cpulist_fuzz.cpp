// libFuzzer entry for parse_cpulist: any bytes must parse or be rejected, never crash or leak.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/cpu_list.hpp"
#include "sys/parse/cpulist.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // Formatting what was parsed must give a list that parses back to the same CPUs.
  if (const auto cpus = autocut::sys::parse::parse_cpulist(text)) {
    if (autocut::sys::parse::parse_cpulist(autocut::core::format_cpulist(*cpus)) != cpus) __builtin_trap();
  }
  return 0;
}
