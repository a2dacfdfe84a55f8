#include "detect/runtimes/runtime_session.hpp"

#include <algorithm>

#include "detect/captured_answers.hpp"

namespace autocut::detect {

RuntimeSession::RuntimeSession(const RuntimeQuery& query, std::string_view default_port)
    : query_url_(query.url),
      captured_(query.captured),
      url_(sys::parse_http_url(query.url, default_port)),
      timeout_(query.timeout),
      deadline_(std::chrono::steady_clock::now() + query.budget) {}

sys::HttpResponse RuntimeSession::request(std::string_view method, std::string_view target, std::string_view json) {
  const bool replay = captured_ && captured_->mode == CapturedAnswers::Mode::replay;
  if (replay) return read_reply(captured_->directory, reply_file_name(target, json));
  auto response = ask(method, target, json);
  if (captured_) write_reply(captured_->directory, reply_file_name(target, json), response);  // best effort
  return response;
}

sys::HttpResponse RuntimeSession::ask(std::string_view method, std::string_view target, std::string_view json) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - std::chrono::steady_clock::now());
  if (left.count() <= 0) return {0, {}, "out of time for " + describe(), true};
  sys::HttpLimits limits;
  limits.timeout = std::min(timeout_, left);
  return sys::http_request(*url_, method, target, json, limits);
}

}  // namespace autocut::detect
