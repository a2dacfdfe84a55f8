#include "detect/slow_probes.hpp"

#include <algorithm>

#include "detect/program_path.hpp"
#include "detect/runtimes/local_runtimes.hpp"

namespace autocut::detect {

std::vector<core::AiRuntime> query_all_runtimes(const DetectOptions& options) {
  const auto query = [&](const std::string& url) {
    return RuntimeQuery{url, options.http_timeout, std::max(options.http_timeout * 4, std::chrono::milliseconds(1000))};
  };
  // Each server in its own thread: detection waits for the slowest one only.
  auto ollama = std::async(std::launch::async, query_ollama, query(options.ollama_host));
  auto llama = std::async(std::launch::async, query_llama_cpp, query(options.llama_cpp_host));
  auto lm_studio = std::async(std::launch::async, query_lm_studio, query(options.lm_studio_host));
  auto vllm = std::async(std::launch::async, query_vllm, query(options.vllm_host));
  return {ollama.get(), llama.get(), lm_studio.get(), vllm.get()};
}

SlowProbes start_slow_probes(const sys::HostRoot& root, const DetectOptions& options) {
  SlowProbes slow;
  if (!root.is_live()) return slow;
  slow.runtimes = std::async(std::launch::async, query_all_runtimes, std::cref(options));
  if (const auto ffmpeg = find_program(root, options.path, "ffmpeg")) {
    FfmpegSettings settings;
    settings.binary = *ffmpeg;
    settings.cache_file = options.ffmpeg_cache_file;
    slow.ffmpeg = std::async(std::launch::async, detect_ffmpeg, settings);
  }
  return slow;
}

}  // namespace autocut::detect
