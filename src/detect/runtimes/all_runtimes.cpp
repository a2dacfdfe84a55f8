#include <algorithm>
#include <future>

#include "detect/runtimes/local_runtimes.hpp"
#include "sys/atomic_file.hpp"
#include "sys/file_text.hpp"
#include "sys/http_client.hpp"

namespace autocut::detect {
namespace {

// The address each server was asked at travels with its answers, so a replay names it as the machine did.
std::string address(const DetectOptions& options, const char* kind, const std::string& configured) {
  const auto recorded = replayed(options.answers, "runtimes");
  const auto text = recorded ? sys::read_file(*recorded / kind / "address") : std::nullopt;
  const auto line = text ? text->substr(0, text->find('\n')) : std::string();
  return line.empty() ? configured : line;
}

// A server on this machine: its files are this machine's files.
bool loopback_url(const std::string& url) {
  const auto parsed = sys::parse_http_url(url, "11434");
  return parsed && (parsed->host == "127.0.0.1" || parsed->host == "localhost" || parsed->host == "::1" ||
                    parsed->host == "[::1]");
}

}  // namespace

RuntimeQuery runtime_query(const DetectOptions& options, const char* kind, const std::string& configured) {
  RuntimeQuery query{address(options, kind, configured), options.http_timeout,
                     std::max(options.http_timeout * 4, std::chrono::milliseconds(1000)), std::nullopt};
  const bool asked_live = options.ollama_host_given && std::string_view(kind) == "ollama";
  if (options.answers && !(asked_live && options.answers->mode == CapturedAnswers::Mode::replay)) {
    query.captured = CapturedAnswers{options.answers->mode, options.answers->directory / "runtimes" / kind};
    if (options.answers->mode == CapturedAnswers::Mode::record) {
      std::error_code ignored;
      std::filesystem::create_directories(query.captured->directory, ignored);
      sys::write_file_atomically(query.captured->directory / "address", query.url + "\n");  // best effort
    }
  }
  // Files on this machine belong to a server on this machine, and to none replayed from a capture.
  query.files_readable = !query.captured && loopback_url(query.url);
  if (query.files_readable && std::string_view(kind) == "ollama") query.models_dirs = options.ollama_models_dirs;
  if (query.files_readable && std::string_view(kind) == "lm-studio") query.models_dirs = options.lm_studio_models_dirs;
  return query;
}

std::vector<core::AiRuntime> query_all_runtimes(const DetectOptions& options) {
  // Each server in a thread of its own, Ollama's on this one: detection waits for the slowest only, and starts no
  // thread that would only wait.
  auto llama =
      std::async(std::launch::async, query_llama_cpp, runtime_query(options, "llama-cpp", options.llama_cpp_host));
  auto lm_studio =
      std::async(std::launch::async, query_lm_studio, runtime_query(options, "lm-studio", options.lm_studio_host));
  auto vllm = std::async(std::launch::async, query_vllm, runtime_query(options, "vllm", options.vllm_host));
  auto ollama = query_ollama(runtime_query(options, "ollama", options.ollama_host));
  return {std::move(ollama), llama.get(), lm_studio.get(), vllm.get()};
}

}  // namespace autocut::detect
