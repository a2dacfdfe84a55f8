#include "detect/detect_machine.hpp"

#include <future>

#include "detect/runtimes/local_runtimes.hpp"
#include "detect/windows/detect_windows.hpp"
#include "sys/windows/live_host.hpp"

namespace autocut::detect {

core::HostFacts detect_machine(const std::optional<std::filesystem::path>& root, const DetectOptions& options) {
  if (root && std::filesystem::is_regular_file(*root)) return windows::detect_recorded_windows(root->string(), options);
  if (root) {
    core::HostFacts facts;
    facts.captured = true;
    facts.probes.push_back({"linux-capture",
                            core::ProbeState::failed,
                            root->string() + " is a captured Linux machine: its files are read by autocut on Linux",
                            {}});
    return facts;
  }
  // The AI servers are asked in the background from the start, as on Linux: their answers (or a closed port's
  // silence) arrive while the Windows calls run, NVML's start-up among them.
  auto servers = std::async(std::launch::async, query_all_runtimes, std::cref(options));
  sys::windows::LiveHost host(options.nvml_library);
  windows::LocalPrograms programs;
  programs.ai_servers = [&servers] { return servers.get(); };
  programs.ffmpeg = [&options](const std::string& ffmpeg) {
    FfmpegSettings settings;
    settings.binary = ffmpeg;
    settings.cache_file = options.ffmpeg_cache_file;
    return detect_ffmpeg(settings);
  };
  return windows::detect_windows(host, options, false, programs);
}

}  // namespace autocut::detect
