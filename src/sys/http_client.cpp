#include "sys/http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace autocut::sys {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

std::string describe_error(const beast::error_code& error, const HttpUrl& url, const HttpLimits& limits) {
  if (error == beast::error::timeout)
    return "no answer from " + url.describe() + " within " + std::to_string(limits.timeout.count()) + " ms";
  if (error == asio::error::connection_refused) return "nothing listens at " + url.describe();
  if (error == http::error::body_limit)
    return "the response from " + url.describe() + " is larger than " + std::to_string(limits.max_body_bytes) +
           " bytes";
  return url.describe() + ": " + error.message();
}

// IPv6 addresses are bracketed in URLs and Host headers.
std::string authority(const HttpUrl& url) {
  const bool v6 = url.host.find(':') != std::string::npos;
  return (v6 ? "[" + url.host + "]" : url.host) + ":" + url.port;
}

// One exchange on its own I/O context, every step under the same deadline.
class Exchange {
 public:
  Exchange(const HttpUrl& url, http::request<http::string_body> request, const HttpLimits& limits)
      : url_(url), limits_(limits), resolver_(context_), stream_(context_), request_(std::move(request)) {
    parser_.body_limit(limits.max_body_bytes);
  }

  HttpResponse run() {
    stream_.expires_after(limits_.timeout);
    // An address needs no lookup: asking the resolver even so would start its thread, which costs more than the
    // refused connection of a runtime that is not there. Names (local runtimes use "localhost" at most, which
    // /etc/hosts answers at once) go through it.
    beast::error_code not_an_address;
    const auto address = asio::ip::make_address(url_.host, not_an_address);
    if (!not_an_address) {
      const auto port = static_cast<std::uint16_t>(std::stoul(url_.port));
      stream_.async_connect(tcp::endpoint(address, port), [this](beast::error_code error) { on_connect(error); });
    } else {
      resolver_.async_resolve(
          url_.host, url_.port, [this](beast::error_code error, tcp::resolver::results_type results) {
            if (error) return fail(error);
            stream_.async_connect(
                results, [this](beast::error_code connect_error, const tcp::endpoint&) { on_connect(connect_error); });
          });
    }
    // The resolver has no deadline of its own; bound the whole run as well.
    context_.run_for(limits_.timeout + std::chrono::milliseconds(50));
    if (!context_.stopped() && response_.status == 0 && response_.error.empty()) fail(beast::error::timeout);
    return std::move(response_);
  }

 private:
  void on_connect(const beast::error_code& connect_error) {
    if (connect_error) return fail(connect_error);
    http::async_write(stream_, request_, [this](beast::error_code write_error, std::size_t) {
      if (write_error) return fail(write_error);
      http::async_read(stream_, buffer_, parser_, [this](beast::error_code read_error, std::size_t) {
        if (read_error) return fail(read_error);
        response_.status = static_cast<int>(parser_.get().result_int());
        response_.body = std::move(parser_.get().body());
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
      });
    });
  }

  void fail(const beast::error_code& error) {
    response_.error = describe_error(error, url_, limits_);
    response_.timed_out = error == beast::error::timeout;
  }

  HttpUrl url_;
  HttpLimits limits_;
  asio::io_context context_;
  tcp::resolver resolver_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
  http::response_parser<http::string_body> parser_;
  HttpResponse response_;
};

}  // namespace

std::string HttpUrl::describe() const { return "http://" + authority(*this) + base_path; }

std::optional<HttpUrl> parse_http_url(std::string_view text, std::string_view default_port) {
  if (text.starts_with("http://"))
    text.remove_prefix(7);
  else if (text.find("://") != std::string_view::npos)
    return std::nullopt;
  const auto slash = text.find('/');
  auto authority = text.substr(0, slash);
  std::string path(slash == std::string_view::npos ? std::string_view{} : text.substr(slash));
  while (!path.empty() && path.back() == '/') path.pop_back();

  HttpUrl url;
  url.base_path = path;
  if (authority.starts_with('[')) {  // [::1]:11434
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    url.host = std::string(authority.substr(1, close - 1));
    authority.remove_prefix(close + 1);
    if (!authority.empty() && !authority.starts_with(':')) return std::nullopt;
    url.port = authority.empty() ? std::string(default_port) : std::string(authority.substr(1));
  } else {
    const auto colon = authority.rfind(':');
    url.host = std::string(authority.substr(0, colon));
    url.port = colon == std::string_view::npos ? std::string(default_port) : std::string(authority.substr(colon + 1));
  }
  // Ollama treats 0.0.0.0 as "listen everywhere"; a client reaches that server on loopback.
  if (url.host == "0.0.0.0" || url.host.empty()) url.host = "127.0.0.1";
  if (url.port.empty() || url.port.size() > 5 || url.port.find_first_not_of("0123456789") != std::string::npos ||
      std::stoul(url.port) > 65535)
    return std::nullopt;
  if (url.host.find_first_of(" /@?#") != std::string::npos) return std::nullopt;
  return url;
}

std::string HttpResponse::problem() const {
  if (!error.empty()) return error;
  if (status < 200 || status >= 300) return "HTTP " + std::to_string(status);
  return {};
}

HttpResponse http_request(const HttpUrl& url, std::string_view method, std::string_view target,
                          std::string_view json_body, const HttpLimits& limits) {
  http::request<http::string_body> request{http::string_to_verb(method), url.base_path + std::string(target), 11};
  request.set(http::field::host, authority(url));
  request.set(http::field::user_agent, "autocut");
  request.set(http::field::accept, "application/json");
  if (!json_body.empty()) {
    request.set(http::field::content_type, "application/json");
    request.body() = std::string(json_body);
  }
  request.prepare_payload();
  return Exchange(url, std::move(request), limits).run();
}

}  // namespace autocut::sys
