// What the HTTP server hands a handler and what a handler gives back: plain values, no Beast in sight.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace autocut::api {

struct Request {
  std::string method;
  std::string target;                          // as sent: path and query
  std::string path;                            // percent-decoded
  std::map<std::string, std::string> query;    // percent-decoded; a repeated key keeps its last value
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;

  std::optional<std::string> header(const std::string& lower_case_name) const {
    const auto it = headers.find(lower_case_name);
    return it == headers.end() ? std::nullopt : std::optional<std::string>(it->second);
  }
};

// A stream of Server-Sent Events. `open` is called once the stream's headers are out; it receives `send`, which
// any thread may call with one complete event ("event: x\ndata: ...\n\n"), and returns what to call when the
// client has gone.
struct EventStream {
  std::function<std::function<void()>(std::function<void(std::string)> send)> open;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::shared_ptr<EventStream> stream;  // set: an event stream instead of a body
  // Set: the body instead of `body`, sent from where it is kept without a copy (a rendered document).
  std::shared_ptr<const std::string> shared_body = nullptr;

  std::string_view content() const { return shared_body ? std::string_view(*shared_body) : std::string_view(body); }
};

using Handler = std::function<Response(const Request&)>;

}  // namespace autocut::api
