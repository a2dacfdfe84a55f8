// Asking a vision model about a scene's keyframes: Ollama's /api/chat (base64 images on the message) or an
// OpenAI-compatible /chat/completions (image_url data URLs) — the cloud, or a local llama.cpp / LM Studio / vLLM.
// Retries with backoff, honouring Retry-After on 429 up to a cap; each attempt is reported as it ends.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace autocut::analyze {

struct BackendConfig {
  std::string protocol;  // "ollama" or "openai"
  std::string name;      // as the policy names it: "ollama-gpu", "ollama-cpu", "local-openai", "cloud"
  std::string url;       // base URL: http://127.0.0.1:11434, https://api.openai.com/v1
  std::string model;
  std::optional<std::string> api_key;  // sent as a Bearer token; never in an error, a log or a result
  std::chrono::milliseconds timeout{60000};
  int context = 0;  // Ollama: the num_ctx to load the model with (what the policy's fit was sized for); 0: its default
};

struct Attempt {
  bool ok = false;
  std::string text;   // the model's description
  std::string error;  // why it failed, without the key or the URL's query
  bool retryable = false;
  bool backend_unusable = false;  // no point asking it again in this job (bad key, no quota, no such model)
  std::optional<double> retry_after_s;
  double duration_ms = 0;
  bool cancelled = false;  // the job was cancelled while waiting: says nothing about the backend
};

Attempt ask_vision(const BackendConfig& backend, const std::vector<std::string>& jpeg_base64, const std::string& prompt,
                   const std::atomic<bool>* cancel = nullptr);

struct RetryPolicy {
  int max_attempts = 3;
  double first_wait_s = 0.5;
  double max_wait_s = 8;  // also the most a Retry-After is waited
};

// Asks until one attempt succeeds, one fails for good, the attempts run out or `cancel` is set. `sleep` waits the
// given seconds (a test passes its own). A cancelled attempt is not reported.
Attempt ask_with_retries(const BackendConfig& backend, const std::vector<std::string>& jpeg_base64,
                         const std::string& prompt, const RetryPolicy& policy,
                         const std::function<void(const Attempt&)>& on_attempt,
                         const std::function<void(double)>& sleep, const std::atomic<bool>* cancel = nullptr);

}  // namespace autocut::analyze
