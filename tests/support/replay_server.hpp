// A real HTTP server on a loopback port that answers from a table of recorded responses, for contract tests of the
// runtime probes. It can also misbehave on purpose: answer late, never answer, or send a huge body.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace autocut::testing {

struct Reply {
  int status = 200;
  std::string body;
  std::chrono::milliseconds delay{0};
  bool never_answer = false;   // accept and read the request, then keep silent
  std::size_t body_bytes = 0;  // when set, a body of this many bytes of padding instead of `body`
  std::vector<std::pair<std::string, std::string>> headers;  // extra response headers ("Retry-After", …)
  std::vector<Reply> then;  // the answers to the second, third … request on the route; the last one repeats
};

class ReplayServer {
 public:
  // Routes are "METHOD /path" (query strings included), or "METHOD /path body" to match one request body
  // exactly; anything else answers 404.
  explicit ReplayServer(std::map<std::string, Reply> routes);
  ~ReplayServer();
  ReplayServer(const ReplayServer&) = delete;
  ReplayServer& operator=(const ReplayServer&) = delete;

  unsigned short port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // "METHOD /path body" for every request received, in order.
  std::vector<std::string> requests() const;
  // Each request's Authorization header, in the same order ("" when it had none).
  std::vector<std::string> authorizations() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
  unsigned short port_ = 0;
  std::thread thread_;
};

}  // namespace autocut::testing
