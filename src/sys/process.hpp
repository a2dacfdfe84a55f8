// Runs a program with a deadline and captures its output: for tools such as ffmpeg, which may hang on a broken
// driver. Thread-safe: each call owns its child.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace autocut::sys {

struct ProcessOutput {
  int exit_code = -1;  // 128 + signal when killed
  bool timed_out = false;
  std::string out;
  std::string err;
  std::string error;  // could not be started at all
};

// argv[0] is a path; `environment` is the child's whole environment ("NAME=value"), nothing is inherited.
// Output beyond `max_output` bytes per stream is dropped. At the deadline the child is killed.
ProcessOutput run_process(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                          std::size_t max_output = 1u << 20, const std::vector<std::string>& environment = {});

}  // namespace autocut::sys
