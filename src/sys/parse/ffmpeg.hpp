// ffmpeg's own listings: `-version`, `-encoders` and `-hwaccels` output, as ffmpeg 4 to 7 print them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace autocut::sys::parse {

// "ffmpeg version 5.1.9-0+deb12u1 Copyright ..." -> "5.1.9-0+deb12u1"
std::optional<std::string> parse_ffmpeg_version(std::string_view text);

struct FfmpegEncoder {
  std::string name;
  char type = 'V';  // V video, A audio, S subtitle
  std::string description;
};
// The table after the " ------" line: " V....D libx264   libx264 H.264 / AVC ..."
std::vector<FfmpegEncoder> parse_ffmpeg_encoders(std::string_view text);

// The names after "Hardware acceleration methods:".
std::vector<std::string> parse_ffmpeg_hwaccels(std::string_view text);

}  // namespace autocut::sys::parse
