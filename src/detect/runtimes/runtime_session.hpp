// The requests made to one runtime, sharing its time budget: each request gets the per-request timeout or what
// is left of the budget, whichever is shorter.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "detect/runtimes/local_runtimes.hpp"
#include "sys/http_client.hpp"

namespace autocut::detect {

class RuntimeSession {
 public:
  RuntimeSession(const RuntimeQuery& query, std::string_view default_port);

  bool valid_url() const { return url_.has_value(); }
  std::string describe() const { return url_ ? url_->describe() : query_url_; }
  sys::HttpResponse get(std::string_view target) { return request("GET", target, {}); }
  sys::HttpResponse post(std::string_view target, std::string_view json) { return request("POST", target, json); }
  bool out_of_time() const { return std::chrono::steady_clock::now() >= deadline_; }

 private:
  sys::HttpResponse request(std::string_view method, std::string_view target, std::string_view json);
  sys::HttpResponse ask(std::string_view method, std::string_view target, std::string_view json);

  std::string query_url_;
  std::optional<CapturedAnswers> captured_;
  std::optional<sys::HttpUrl> url_;
  std::chrono::milliseconds timeout_;
  std::chrono::steady_clock::time_point deadline_;
};

}  // namespace autocut::detect
