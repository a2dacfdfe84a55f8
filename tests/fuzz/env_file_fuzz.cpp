// libFuzzer entry for `.env` parsing: any bytes must load or be reported line by line, never crash or leak.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config/env_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto file = autocut::config::parse_env_file(std::string_view(reinterpret_cast<const char*>(data), size));
  for (const auto& problem : file.problems)
    if (problem.line < 1) __builtin_trap();  // every problem names a real line
  return 0;
}
