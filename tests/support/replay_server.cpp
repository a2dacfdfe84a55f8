#include "support/replay_server.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace autocut::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct ReplayServer::State {
  std::map<std::string, Reply> routes;
  std::map<std::string, std::size_t> hits;
  asio::io_context context;
  tcp::acceptor acceptor{context};
  std::vector<tcp::socket> silent;  // connections kept open without an answer
  std::atomic<bool> stopping{false};
  mutable std::mutex mutex;
  std::vector<std::string> requests;
  std::vector<std::string> authorizations;  // each request's Authorization header, "" when it had none
};

ReplayServer::ReplayServer(std::map<std::string, Reply> routes) : state_(std::make_shared<State>()) {
  state_->routes = std::move(routes);
  tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
  state_->acceptor.open(endpoint.protocol());
  state_->acceptor.set_option(asio::socket_base::reuse_address(true));
  state_->acceptor.bind(endpoint);
  state_->acceptor.listen();
  port_ = state_->acceptor.local_endpoint().port();

  thread_ = std::thread([state = state_] {
    for (;;) {
      beast::error_code error;
      tcp::socket socket(state->context);
      state->acceptor.accept(socket, error);
      if (error || state->stopping) return;
      beast::flat_buffer buffer;
      http::request<http::string_body> request;
      http::read(socket, buffer, request, error);
      if (error) continue;
      const auto key = std::string(request.method_string()) + " " + std::string(request.target());
      {
        std::lock_guard lock(state->mutex);
        state->requests.push_back(key + " " + request.body());
        state->authorizations.emplace_back(request[http::field::authorization]);
      }
      // A route may name the exact body too ("POST /api/show {...}"), ahead of one for any body.
      auto route = state->routes.find(key + " " + request.body());
      if (route == state->routes.end()) route = state->routes.find(key);
      Reply reply = route == state->routes.end() ? Reply{404, R"({"error":"not found"})"} : route->second;
      if (route != state->routes.end()) {
        std::lock_guard lock(state->mutex);
        const auto hit = state->hits[route->first]++;
        if (hit > 0 && !reply.then.empty()) reply = route->second.then[std::min(hit - 1, reply.then.size() - 1)];
      }
      if (reply.never_answer) {
        state->silent.push_back(std::move(socket));
        continue;
      }
      std::this_thread::sleep_for(reply.delay);
      http::response<http::string_body> response{static_cast<http::status>(reply.status), 11};
      response.set(http::field::content_type, "application/json");
      for (const auto& [name, value] : reply.headers) response.set(name, value);
      response.body() = reply.body_bytes ? std::string(reply.body_bytes, ' ') : reply.body;
      response.keep_alive(false);
      response.prepare_payload();
      http::write(socket, response, error);
      socket.shutdown(tcp::socket::shutdown_both, error);
    }
  });
}

ReplayServer::~ReplayServer() {
  // Closing the acceptor does not wake a thread blocked in accept(); a last connection does.
  state_->stopping = true;
  beast::error_code ignored;
  {
    asio::io_context context;
    tcp::socket poke(context);
    poke.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_), ignored);
  }
  thread_.join();
  state_->acceptor.close(ignored);
}

std::vector<std::string> ReplayServer::authorizations() const {
  std::lock_guard lock(state_->mutex);
  return state_->authorizations;
}

std::vector<std::string> ReplayServer::requests() const {
  std::lock_guard lock(state_->mutex);
  return state_->requests;
}

}  // namespace autocut::testing
