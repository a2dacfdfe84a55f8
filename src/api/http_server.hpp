// The service's HTTP/1.1 server (Boost.Beast on Asio): keep-alive, a 64 KiB cap on request bodies (413), deadlines
// for slow and idle clients, Server-Sent Events, and a graceful stop that lets in-flight requests finish. GET and
// HEAD are answered on the I/O thread; any other method, which may change state and take its time, on threads of
// its own. Beast lives in http_server.cpp only.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "api/http_types.hpp"

namespace autocut::api {

struct ListenAddress {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8000;

  bool loopback() const;
  std::string describe() const;  // "127.0.0.1:8000", "[::1]:8000"
};

// "HOST:PORT", "[V6]:PORT" or ":PORT" (loopback); the host must be an IP address. Nullopt for anything else.
std::optional<ListenAddress> parse_listen_address(const std::string& text);

struct ServerLimits {
  std::size_t max_body_bytes = 64 * 1024;
  std::chrono::milliseconds request_timeout{10000};  // to receive a whole request once it has begun
  std::chrono::milliseconds idle_timeout{60000};     // between requests on a kept-alive connection
  std::chrono::milliseconds heartbeat{15000};        // an SSE comment, so dead clients are found
  // Readers, event streams and connections: answers come from kept documents, so one thread is the cheapest; state
  // changes run on two threads of their own.
  int threads = 1;
};

class HttpServer {
 public:
  // Binds at once; throws std::runtime_error with one readable line ("127.0.0.1:8000 is already in use").
  HttpServer(const ListenAddress& address, Handler handler, ServerLimits limits = {});
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  std::uint16_t port() const;  // the bound port (useful with port 0)
  void start();                // serves on its own threads
  // Stops accepting, closes event streams, lets requests in flight finish (up to `grace`), then returns.
  void stop(std::chrono::milliseconds grace = std::chrono::milliseconds(5000));

 private:
  std::shared_ptr<struct ServerState> state_;
};

}  // namespace autocut::api
