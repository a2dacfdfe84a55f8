// JSON over HTTP or HTTPS for the vision backends (libcurl; TLS lives here, in the worker, never in `autocut`).
#pragma once

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
};

// `headers` are "Name: value" lines. The body is capped at 16 MiB.
HttpsReply post_json(const std::string& url, const std::string& body, const std::vector<std::string>& headers,
                     std::chrono::milliseconds timeout);

}  // namespace autocut::analyze
