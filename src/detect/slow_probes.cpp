#include "detect/slow_probes.hpp"

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
  return slow;
}

}  // namespace autocut::detect
