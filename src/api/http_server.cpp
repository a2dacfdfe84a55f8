#include "api/http_server.hpp"

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <list>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "api/url_decoding.hpp"

namespace autocut::api {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr std::size_t kHeaderLimit = 16 * 1024;

std::string error_body(const std::string& error, const std::string& detail) {
  // Built by hand so this file needs no JSON library; both texts are fixed ASCII from this file.
  return "{\"error\":\"" + error + "\",\"detail\":\"" + detail + "\"}";
}

}  // namespace

bool ListenAddress::loopback() const {
  beast::error_code error;
  const auto address = asio::ip::make_address(host, error);
  return !error && address.is_loopback();
}

std::string ListenAddress::describe() const {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::optional<ListenAddress> parse_listen_address(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) return std::nullopt;
  std::string host = text.substr(0, colon);
  const std::string port_text = text.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.empty()) host = "127.0.0.1";
  if (port_text.empty() || port_text.size() > 5 || port_text.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  const auto port = std::stoul(port_text);
  if (port > 65535) return std::nullopt;
  beast::error_code error;
  asio::ip::make_address(host, error);
  if (error) return std::nullopt;
  return ListenAddress{host, static_cast<std::uint16_t>(port)};
}

class Session;

struct ServerState : std::enable_shared_from_this<ServerState> {
  asio::io_context io;
  // State changes may take seconds (a reload runs detection again): they run here, so that the I/O thread goes on
  // answering readers and event streams meanwhile.
  asio::thread_pool changes{2};
  tcp::acceptor acceptor{io};
  asio::steady_timer accept_pause{io};  // out of descriptors: wait for some to free instead of spinning
  Handler handler;
  ServerLimits limits;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  std::vector<std::thread> threads;
  std::atomic<bool> stopping{false};
  std::uint16_t port = 0;

  std::mutex mutex;  // guards the two below
  std::condition_variable quiet;
  int in_flight = 0;  // requests read and not yet answered
  std::list<std::weak_ptr<Session>> sessions;

  void accept();
  Response serve(const Request& request) const {
    try {
      return handler(request);
    } catch (const std::exception&) {
      return Response{
          500, "application/json", error_body("internal error", "the request could not be served"), {}, nullptr};
    }
  }
  void request_started() {
    std::lock_guard lock(mutex);
    ++in_flight;
  }
  void request_finished() {
    std::lock_guard lock(mutex);
    --in_flight;
    quiet.notify_all();
  }
};

// One connection: requests in turn (keep-alive), or, once a handler answers with an event stream, that stream
// until either side goes. Everything runs on the connection's strand.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::shared_ptr<ServerState> server)
      : stream_(std::move(socket)), server_(std::move(server)), heartbeat_(stream_.get_executor()) {}

  void start() { read_request(); }

  // From stop(): a connection between requests, or holding an event stream, closes now; one in a request closes
  // once it has been answered.
  void close_now() { close(); }

  void close_unless_answering() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->answering_) self->close();
    });
  }

 private:
  void read_request() {
    parser_.emplace();
    parser_->body_limit(server_->limits.max_body_bytes);
    parser_->header_limit(kHeaderLimit);
    stream_.expires_after(served_ == 0 ? server_->limits.request_timeout : server_->limits.idle_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code error, std::size_t) { self->on_read(error); });
  }

  void on_read(beast::error_code error) {
    if (error == http::error::body_limit)
      return answer_error(413, "request body too large",
                          "the limit is " + std::to_string(server_->limits.max_body_bytes) + " bytes");
    if (error == http::error::header_limit) return answer_error(431, "request headers too large", "");
    if (error == http::error::end_of_stream || error == beast::error::timeout || error == asio::error::eof ||
        error == asio::error::operation_aborted || error == asio::error::connection_reset)
      return close();
    if (error) return answer_error(400, "malformed request", "");

    auto message = parser_->release();
    keep_alive_ = message.keep_alive();
    Request request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    for (const auto& field : message) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      request.headers[name] = std::string(field.value());
    }
    request.body = std::move(message.body());
    auto target = split_target(request.target);
    if (!target) return answer_error(400, "malformed request target", "a percent escape does not decode");
    request.path = std::move(target->path);
    request.query = std::move(target->query);

    answering_ = true;
    head_only_ = request.method == "HEAD";
    server_->request_started();
    if (request.method == "GET" || request.method == "HEAD") return answer(server_->serve(request));
    asio::post(server_->changes, [self = shared_from_this(), request = std::move(request)] {
      auto response = self->server_->serve(request);
      asio::post(self->stream_.get_executor(),
                 [self, response = std::move(response)]() mutable { self->answer(std::move(response)); });
    });
  }

  void answer(Response response) {
    if (response.stream) return open_stream(std::move(response));
    write_response(std::move(response));
  }

  void answer_error(int status, const std::string& error, const std::string& detail) {
    keep_alive_ = false;
    answering_ = true;
    head_only_ = false;
    server_->request_started();
    write_response({status, "application/json", error_body(error, detail), {}, nullptr});
  }

  void write_response(Response response) {
    // Sent from where the body lies (a kept document, or this answer's own string), held until written.
    const auto body = response.shared_body ? std::move(response.shared_body)
                                           : std::make_shared<const std::string>(std::move(response.body));
    using Message = http::response<http::span_body<const char>>;
    auto message = std::make_shared<Message>(static_cast<http::status>(response.status), 11);
    message->set(http::field::server, "autocut");
    message->set(http::field::content_type, response.content_type);
    message->set(http::field::cache_control, "no-store");
    message->set("X-Content-Type-Options", "nosniff");
    for (const auto& [name, value] : response.headers) message->set(name, value);
    message->keep_alive(keep_alive_ && !server_->stopping);
    if (head_only_) {
      // The headers a GET would have, its length included, and no body.
      if (response.status != 304 && response.status != 204) message->content_length(body->size());
    } else {
      message->body() = {body->data(), body->size()};
      message->prepare_payload();
    }
    stream_.expires_after(server_->limits.request_timeout);
    http::async_write(stream_, *message,
                      [self = shared_from_this(), message, body](beast::error_code error, std::size_t) {
                        self->answering_ = false;
                        ++self->served_;
                        self->server_->request_finished();
                        if (error || !message->keep_alive()) return self->close();
                        self->read_request();
                      });
  }

  void open_stream(Response response) {
    auto head = std::make_shared<http::response<http::empty_body>>(http::status::ok, 11);
    head->set(http::field::server, "autocut");
    head->set(http::field::content_type, "text/event-stream");
    head->set(http::field::cache_control, "no-store");
    head->set("X-Accel-Buffering", "no");
    for (const auto& [name, value] : response.headers) head->set(name, value);
    head->keep_alive(true);
    head->chunked(false);
    auto serializer = std::make_shared<http::response_serializer<http::empty_body>>(*head);
    stream_.expires_never();
    http::async_write_header(
        stream_, *serializer,
        [self = shared_from_this(), head, serializer, source = response.stream](beast::error_code error, std::size_t) {
          self->answering_ = false;
          self->server_->request_finished();
          if (error) return self->close();
          std::weak_ptr<Session> weak = self;
          self->unsubscribe_ = source->open([weak](std::string event) {
            if (const auto session = weak.lock())
              asio::post(session->stream_.get_executor(),
                         [session, event = std::move(event)]() mutable { session->queue(std::move(event)); });
          });
          self->beat();
        });
  }

  void beat() {
    heartbeat_.expires_after(server_->limits.heartbeat);
    heartbeat_.async_wait([self = shared_from_this()](beast::error_code error) {
      if (error || self->closed_) return;
      self->queue(": keep-alive\n\n");
      self->beat();
    });
  }

  void queue(std::string event) {
    if (closed_) return;
    outbox_.push_back(std::move(event));
    if (outbox_.size() > 1024) return close();  // a client that stopped reading
    if (outbox_.size() == 1) write_next();
  }

  void write_next() {
    asio::async_write(stream_.socket(), asio::buffer(outbox_.front()),
                      [self = shared_from_this()](beast::error_code error, std::size_t) {
                        if (error) return self->close();
                        self->outbox_.pop_front();
                        if (!self->outbox_.empty()) self->write_next();
                      });
  }

  void close() {
    if (closed_) return;
    closed_ = true;
    heartbeat_.cancel();
    if (unsubscribe_) std::exchange(unsubscribe_, nullptr)();
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  std::shared_ptr<ServerState> server_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  bool head_only_ = false;  // the request being answered is a HEAD
  asio::steady_timer heartbeat_;
  std::deque<std::string> outbox_;
  std::function<void()> unsubscribe_;
  bool keep_alive_ = true;
  bool answering_ = false;
  bool closed_ = false;
  int served_ = 0;
};

void ServerState::accept() {
  acceptor.async_accept(asio::make_strand(io), [this](beast::error_code error, tcp::socket socket) {
    if (error == asio::error::operation_aborted || !acceptor.is_open()) return;
    // Out of file descriptors (or memory): the connection waits in the backlog while those open are served; asking
    // again at once would spin on the same error.
    if (error == asio::error::no_descriptors || error == asio::error::no_buffer_space ||
        error == asio::error::no_memory || error.value() == ENFILE) {
      accept_pause.expires_after(std::chrono::milliseconds(50));
      accept_pause.async_wait([this](beast::error_code waited) {
        if (!waited && acceptor.is_open()) accept();
      });
      return;
    }
    if (!error && !stopping) {
      auto session = std::make_shared<Session>(std::move(socket), shared_from_this());
      {
        std::lock_guard lock(mutex);
        sessions.remove_if([](const auto& weak) { return weak.expired(); });
        sessions.push_back(session);
      }
      session->start();
    }
    accept();
  });
}

HttpServer::HttpServer(const ListenAddress& address, Handler handler, ServerLimits limits)
    : state_(std::make_shared<ServerState>()) {
  state_->handler = std::move(handler);
  state_->limits = limits;
  const tcp::endpoint endpoint(asio::ip::make_address(address.host), address.port);
  beast::error_code error;
  state_->acceptor.open(endpoint.protocol(), error);
  if (!error) state_->acceptor.set_option(asio::socket_base::reuse_address(true), error);
  if (!error) state_->acceptor.bind(endpoint, error);
  if (!error) state_->acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error == asio::error::address_in_use) throw std::runtime_error(address.describe() + " is already in use");
  if (error == beast::errc::address_not_available)
    throw std::runtime_error(address.host + " is not an address of this machine");
  if (error) throw std::runtime_error("cannot listen on " + address.describe() + ": " + error.message());
  state_->port = state_->acceptor.local_endpoint().port();
}

HttpServer::~HttpServer() { stop(std::chrono::milliseconds(0)); }

std::uint16_t HttpServer::port() const { return state_->port; }

void HttpServer::start() {
  if (!state_->threads.empty()) return;
  state_->work.emplace(state_->io.get_executor());
  state_->accept();
  for (int i = 0; i < std::max(1, state_->limits.threads); ++i)
    state_->threads.emplace_back([state = state_] { state->io.run(); });
}

void HttpServer::stop(std::chrono::milliseconds grace) {
  if (state_->threads.empty() || state_->stopping.exchange(true)) return;
  asio::post(state_->io, [state = state_] {
    beast::error_code ignored;
    state->acceptor.close(ignored);
    state->accept_pause.cancel();
  });
  std::unique_lock lock(state_->mutex);
  for (const auto& weak : state_->sessions)
    if (const auto session = weak.lock()) session->close_unless_answering();
  state_->quiet.wait_for(lock, grace, [&] { return state_->in_flight == 0; });
  lock.unlock();
  state_->work.reset();
  state_->io.stop();
  for (auto& thread : state_->threads) thread.join();
  state_->threads.clear();
  state_->changes.join();  // a change past the grace still finishes; its answer is dropped with its connection
  // Handlers still queued hold their sessions, and sessions hold this state: close every connection and let those
  // handlers run out (each fails with "aborted"), so nothing outlives the server.
  for (const auto& weak : state_->sessions)
    if (const auto session = weak.lock()) session->close_now();
  beast::error_code ignored;
  state_->acceptor.close(ignored);
  state_->io.restart();
  state_->io.run();
  state_->sessions.clear();
}

}  // namespace autocut::api
