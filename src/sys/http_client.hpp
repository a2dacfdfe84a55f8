// A small blocking HTTP/1.1 client for local AI runtimes: plain HTTP only, one deadline for the whole exchange,
// a cap on the body. Safe to use from several threads at once (each call has its own I/O context).
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace autocut::sys {

struct HttpUrl {
  std::string host;
  std::string port;
  std::string base_path;  // "" or "/prefix", never with a trailing slash

  std::string describe() const;  // "http://host:port/prefix"
};

// Accepts "http://host[:port][/path]", "host:port" and "host" (as OLLAMA_HOST does); `default_port` fills in.
// Returns nullopt for anything else, https included: local runtimes speak plain HTTP and this client has no TLS.
std::optional<HttpUrl> parse_http_url(std::string_view text, std::string_view default_port);

struct HttpLimits {
  std::chrono::milliseconds timeout{300};
  std::size_t max_body_bytes = 8u << 20;
};

struct HttpResponse {
  int status = 0;
  std::string body;
  std::string error;       // empty on a complete exchange; otherwise what went wrong, in words
  bool timed_out = false;  // connected or connecting, but no complete answer in time

  bool ok() const { return error.empty() && status >= 200 && status < 300; }
  std::string problem() const;  // error, or "HTTP 500" for a status that is not 2xx
};

HttpResponse http_request(const HttpUrl& url, std::string_view method, std::string_view target,
                          std::string_view json_body, const HttpLimits& limits);

inline HttpResponse http_get(const HttpUrl& url, std::string_view target, const HttpLimits& limits) {
  return http_request(url, "GET", target, {}, limits);
}

}  // namespace autocut::sys
