// How a trial run of ffmpeg (an encode or a decode) ended, in ffmpeg's words: the first line it wrote says why
// ("[h264_nvenc @ 0x55d0] Cannot load libcuda.so.1").
#pragma once

#include <chrono>
#include <string>

#include "sys/process.hpp"

namespace autocut::detect {

struct TrialOutcome {
  bool works = false;
  std::string detail;  // why not
};

TrialOutcome trial_outcome(const sys::ProcessOutput& run, std::chrono::milliseconds timeout);

}  // namespace autocut::detect
