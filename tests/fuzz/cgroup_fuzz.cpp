// libFuzzer entry for the cgroup parsers: any bytes must parse or be rejected, never crash or leak.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sys/parse/cgroup.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)autocut::sys::parse::parse_proc_self_cgroup(text);
  (void)autocut::sys::parse::parse_byte_limit(text);
  (void)autocut::sys::parse::parse_cpu_max(text);
  const auto newline = text.find('\n');
  if (newline != std::string_view::npos)
    (void)autocut::sys::parse::parse_cfs_quota(text.substr(0, newline), text.substr(newline + 1));
  return 0;
}
