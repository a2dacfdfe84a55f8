#include "detect/slow_probes.hpp"

#include "detect/gpu/nvml_library.hpp"
#include "detect/program_path.hpp"
#include "detect/runtimes/local_runtimes.hpp"

namespace autocut::detect {

SlowProbes start_slow_probes(const sys::HostRoot& root, const DetectOptions& options) {
  SlowProbes slow;
  if (!root.is_live()) return slow;
  slow.runtimes = std::async(std::launch::async, query_all_runtimes, std::cref(options));
  if (const auto ffmpeg = find_program(root, options.path, "ffmpeg")) {
    FfmpegSettings settings;
    settings.binary = *ffmpeg;
    settings.cache_file = options.ffmpeg_cache_file;
    if (options.answers && options.answers->mode == CapturedAnswers::Mode::record)
      settings.record_into = options.answers->directory / "ffmpeg";
    slow.ffmpeg = std::async(std::launch::async, detect_ffmpeg, settings);
  }
  // NVML's helper is a process start and the driver's initialisation: begun now, it overlaps the file probes. Only
  // where the answer is sure to be wanted (WSL, which has no such file, is asked by the probe itself).
  if (options.nvml_library || root.exists(sys::HostRoot::proc("driver/nvidia/version")))
    slow.nvml = std::async(std::launch::async, enumerate_nvml_within, options.nvml_helper, options.nvml_deadline,
                           nvml::library_candidates(options.nvml_library, false));
  return slow;
}

}  // namespace autocut::detect
