// The shapes every route answers in: JSON bodies, errors as {"error", "detail"}, a refusal thrown from deep in a
// handler, and the one-method rule (state changes are POST-only).
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/http_types.hpp"

namespace autocut::api {

// A request that cannot be served as asked; the router turns it into {"error", "detail"} with its status.
struct Refusal : std::runtime_error {
  Refusal(int status_code, std::string error_text, std::string detail_text)
      : std::runtime_error(error_text), status(status_code), detail(std::move(detail_text)) {}
  int status;
  std::string detail;
};

// Compact, and text that is not UTF-8 (a file name, a model's answer) replaced rather than refused.
inline std::string json_text(const nlohmann::ordered_json& body) {
  return body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

inline Response json_response(const nlohmann::ordered_json& body, int status = 200) {
  return {status, "application/json", json_text(body), {}, nullptr};
}

inline Response error_response(int status, const std::string& error, const std::string& detail,
                               std::vector<std::pair<std::string, std::string>> headers = {}) {
  auto response = json_response(nlohmann::ordered_json{{"error", error}, {"detail", detail}}, status);
  response.headers = std::move(headers);
  return response;
}

// `body()` when the request uses `method` (HEAD counts as GET); 405 naming the method otherwise.
template <typename Body>
Response only(const char* method, const Request& request, Body body) {
  if (request.method == method || (std::string_view(method) == "GET" && request.method == "HEAD")) return body();
  const std::string detail =
      std::string_view(method) == "POST" ? "this call changes state: send it as POST" : std::string("use ") + method;
  return error_response(405, "method not allowed", detail, {{"Allow", method}});
}

}  // namespace autocut::api
