// libFuzzer entry for ffmpeg's listings (-version, -encoders, -hwaccels): any bytes must parse or be rejected,
// never crash or leak.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sys/parse/ffmpeg.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)autocut::sys::parse::parse_ffmpeg_version(text);
  for (const auto& encoder : autocut::sys::parse::parse_ffmpeg_encoders(text))
    if (encoder.name.empty()) __builtin_trap();
  (void)autocut::sys::parse::parse_ffmpeg_hwaccels(text);
  return 0;
}
