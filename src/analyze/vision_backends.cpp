#include "analyze/vision_backends.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "analyze/https_client.hpp"

namespace autocut::analyze {
namespace {

using json = nlohmann::json;

std::string without_trailing_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

json ollama_request(const BackendConfig& backend, const std::vector<std::string>& images, const std::string& prompt) {
  json request{{"model", backend.model},
               {"messages", json::array({{{"role", "user"}, {"content", prompt}, {"images", images}}})},
               {"stream", false}};
  // Without it Ollama picks its own context (32k on a 24 GB card), and the memory the policy fitted is not what loads.
  if (backend.context > 0) request["options"] = {{"num_ctx", backend.context}};
  return request;
}

json openai_request(const BackendConfig& backend, const std::vector<std::string>& images, const std::string& prompt) {
  json content = json::array({{{"type", "text"}, {"text", prompt}}});
  for (const auto& image : images)
    content.push_back(
        {{"type", "image_url"}, {"image_url", {{"url", "data:image/jpeg;base64," + image}, {"detail", "low"}}}});
  return {{"model", backend.model},
          {"messages", json::array({{{"role", "user"}, {"content", content}}})},
          {"max_tokens", 300}};
}

// Ollama answers in NDJSON when it streams (a server may ignore "stream": false), and an error that happens once the
// answer has begun comes as one more line with only "error", under the 200 already sent (docs.ollama.com/api/errors).
// Read as one answer: the pieces of content joined, or that error.
json ollama_stream_as_one(const std::string& body) {
  std::string content;
  bool any = false;
  for (std::size_t start = 0; start < body.size();) {
    auto end = body.find('\n', start);
    if (end == std::string::npos) end = body.size();
    const auto text = body.substr(start, end - start);
    start = end + 1;
    if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
    const auto line = json::parse(text, nullptr, false);
    if (line.is_discarded() || !line.is_object()) return json(json::value_t::discarded);
    if (line.contains("error")) return json{{"error", line["error"]}};
    content += line.value("/message/content"_json_pointer, std::string());
    any = true;
  }
  if (!any) return json(json::value_t::discarded);
  return json{{"message", {{"content", content}}}};
}

// The answer's text, or the error the service sent, whichever the body holds.
void read_answer(const BackendConfig& backend, const HttpsReply& reply, Attempt& attempt) {
  auto body = json::parse(reply.body, nullptr, false);
  if (body.is_discarded() && backend.protocol == "ollama") body = ollama_stream_as_one(reply.body);
  const bool success_status = reply.status >= 200 && reply.status < 300;
  std::string service_error;
  if (!body.is_discarded() && body.is_object() && body.contains("error")) {
    const auto& error = body["error"];
    service_error = error.is_string() ? error.get<std::string>() : error.value("message", std::string());
    // A 429 is either "slow down" (retry) or "no money left" (do not): OpenAI tells them apart by code.
    static const std::set<std::string> kNoQuota{"insufficient_quota", "credit_balance_exhausted",
                                                "organization_spend_limit_exceeded", "project_spend_limit_exceeded",
                                                "organization_usage_limit_exceeded"};
    if (error.is_object() &&
        (kNoQuota.count(error.value("code", std::string())) || kNoQuota.count(error.value("type", std::string()))))
      attempt.backend_unusable = true;
  }
  if (success_status && body.is_discarded()) {
    attempt.error = "the answer is not JSON";  // a proxy's error page, a cut-off body
    attempt.retryable = true;
    return;
  }
  if (success_status && service_error.empty()) {
    const auto text = backend.protocol == "ollama"
                          ? body.value("/message/content"_json_pointer, std::string())
                          : body.value("/choices/0/message/content"_json_pointer, std::string());
    if (!text.empty()) {
      attempt.ok = true;
      attempt.text = text;
      return;
    }
    attempt.error = "the answer holds no description";
    attempt.retryable = true;
    return;
  }
  attempt.error =
      "HTTP " + std::to_string(reply.status) + (service_error.empty() ? "" : ": " + service_error.substr(0, 300));
  // An error under a 200 broke off an answer already begun: the model failed this time, so it is worth another try.
  attempt.retryable = !attempt.backend_unusable &&
                      (success_status || reply.status == 429 || reply.status >= 500 || reply.status == 408);
  if (reply.status == 401 || reply.status == 402 || reply.status == 403 || reply.status == 404)
    attempt.backend_unusable = true;
  attempt.retry_after_s = reply.retry_after_s;
}

}  // namespace

Attempt ask_vision(const BackendConfig& backend, const std::vector<std::string>& jpeg_base64, const std::string& prompt,
                   const std::atomic<bool>* cancel) {
  const auto started = std::chrono::steady_clock::now();
  Attempt attempt;
  const bool ollama = backend.protocol == "ollama";
  const auto url = without_trailing_slash(backend.url) + (ollama ? "/api/chat" : "/chat/completions");
  std::vector<std::string> headers;
  if (backend.api_key) headers.push_back("Authorization: Bearer " + *backend.api_key);
  const auto body =
      (ollama ? ollama_request(backend, jpeg_base64, prompt) : openai_request(backend, jpeg_base64, prompt)).dump();
  const auto reply = post_json(url, body, headers, backend.timeout, cancel);
  if (!reply.error.empty()) {
    attempt.error = reply.error;
    attempt.retryable = !reply.cancelled;
    attempt.cancelled = reply.cancelled;
  } else {
    read_answer(backend, reply, attempt);
  }
  attempt.duration_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return attempt;
}

Attempt ask_with_retries(const BackendConfig& backend, const std::vector<std::string>& jpeg_base64,
                         const std::string& prompt, const RetryPolicy& policy,
                         const std::function<void(const Attempt&)>& on_attempt,
                         const std::function<void(double)>& sleep, const std::atomic<bool>* cancel) {
  double wait = policy.first_wait_s;
  for (int number = 1;; ++number) {
    auto attempt = ask_vision(backend, jpeg_base64, prompt, cancel);
    if (attempt.cancelled) return attempt;
    on_attempt(attempt);
    if (attempt.ok || !attempt.retryable || number >= policy.max_attempts) return attempt;
    sleep(std::min(attempt.retry_after_s.value_or(wait), policy.max_wait_s));
    if (cancel && cancel->load()) {
      attempt.cancelled = true;
      return attempt;
    }
    wait = std::min(wait * 2, policy.max_wait_s);
  }
}

}  // namespace autocut::analyze
