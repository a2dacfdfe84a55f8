// Videos made by Debian's ffmpeg for the tests: a 12 s 320×240 clip at 25 fps with hard cuts at 3, 6 and 9 s —
// test pattern, SMPTE bars, Mandelbrot, then a solid colour — with x264 keyframes 250 frames apart, so a frame
// after 0 s lies inside a GOP.
#pragma once

#include <filesystem>
#include <string>

#include "support/run_process.hpp"

namespace autocut::testing {

inline std::string cuts_video_command(const std::filesystem::path& output, const std::string& last_colour = "red") {
  return "ffmpeg -hide_banner -nostdin -loglevel error -y"
         " -f lavfi -i testsrc=duration=3:size=320x240:rate=25 -f lavfi -i smptebars=duration=3:size=320x240:rate=25"
         " -f lavfi -t 3 -i mandelbrot=size=320x240:rate=25 -f lavfi -i color=c=" +
         last_colour +
         ":size=320x240:rate=25:duration=3"
         " -filter_complex '[0:v][1:v][2:v][3:v]concat=n=4:v=1:a=0,format=yuv420p[v]' -map '[v]'"
         " -c:v libx264 -g 250 " +
         shell_quote(output.string());
}

}  // namespace autocut::testing
