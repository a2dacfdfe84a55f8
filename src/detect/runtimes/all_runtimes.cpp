#include <algorithm>
#include <future>

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

}  // namespace autocut::detect
