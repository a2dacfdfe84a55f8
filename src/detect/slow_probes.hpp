// The probes that wait on other programs, started in the background when detection starts.
#pragma once

#include <future>
#include <optional>
#include <vector>

#include "core/runtime_facts.hpp"
#include "detect/editors/ffmpeg_capabilities.hpp"
#include "detect/gpu/nvml_enumeration.hpp"
#include "detect/probe.hpp"

namespace autocut::detect {

struct SlowProbes {
  std::future<std::vector<core::AiRuntime>> runtimes;
  std::future<FfmpegDetection> ffmpeg;
  std::future<NvmlEnumeration> nvml;  // when the NVIDIA driver is plainly loaded, or a library is named
};

// Starts them for a live machine; for a captured one nothing is started (those programs are this machine's).
SlowProbes start_slow_probes(const sys::HostRoot& root, const DetectOptions& options);

}  // namespace autocut::detect
