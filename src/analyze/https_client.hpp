// JSON over HTTP or HTTPS for the vision backends (libcurl; TLS lives here, in the worker, never in `autocut`).
#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace autocut::analyze {

struct HttpsReply {
  int status = 0;
  std::string body;
  std::optional<double> retry_after_s;  // from a Retry-After header in seconds
  std::string error;                    // transport failure (refused, timed out, TLS); empty when an answer came
  bool cancelled = false;               // given up because `cancel` was set, not because the server failed
};

// `headers` are "Name: value" lines. The body is capped at 16 MiB. Setting `cancel` ends a transfer within ~100 ms.
HttpsReply post_json(const std::string& url, const std::string& body, const std::vector<std::string>& headers,
                     std::chrono::milliseconds timeout, const std::atomic<bool>* cancel = nullptr);

}  // namespace autocut::analyze
