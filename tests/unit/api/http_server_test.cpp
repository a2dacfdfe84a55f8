// The HTTP server alone, with small handlers of the test's own, on a loopback port: deadlines for clients that
// say nothing, a stop that lets a request in flight finish, keep-alive, and the request it hands a handler.
#include "api/http_server.hpp"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <future>
#include <thread>

#include "support/run_process.hpp"

namespace autocut::api {
namespace {

using namespace std::chrono_literals;
namespace asio = boost::asio;
using asio::ip::tcp;

std::string curl(std::uint16_t port, const std::string& arguments) {
  return testing::run_shell(
             "curl -s --max-time 5 " + arguments + " " +
             testing::shell_quote("http://127.0.0.1:" + std::to_string(port) + "/x%20y?reason=%E6%B5%8B+1&flag"))
      .out;
}

TEST(HttpServer, HandsTheHandlerADecodedRequest) {
  Request seen;
  HttpServer server({"127.0.0.1", 0}, [&](const Request& request) {
    seen = request;
    return Response{200, "text/plain", "ok", {}, nullptr};
  });
  server.start();
  EXPECT_EQ(curl(server.port(), "-X POST -H 'X-Test: Yes' -d body"), "ok");
  server.stop();
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.path, "/x y");
  EXPECT_EQ(seen.query.at("reason"), "测 1");
  EXPECT_EQ(seen.query.at("flag"), "");
  EXPECT_EQ(seen.header("x-test"), "Yes");
  EXPECT_EQ(seen.body, "body");
}

TEST(HttpServer, AClientThatSaysNothingIsDisconnectedAtTheDeadline) {
  ServerLimits limits;
  limits.request_timeout = 300ms;
  HttpServer server(
      {"127.0.0.1", 0}, [](const Request&) { return Response{}; }, limits);
  server.start();
  asio::io_context io;
  tcp::socket socket(io);
  socket.connect({asio::ip::make_address("127.0.0.1"), server.port()});
  const auto connected = std::chrono::steady_clock::now();
  char byte = 0;
  boost::system::error_code error;
  asio::read(socket, asio::buffer(&byte, 1), error);  // blocks until the server closes
  const auto waited = std::chrono::steady_clock::now() - connected;
  EXPECT_TRUE(error == asio::error::eof || error == asio::error::connection_reset) << error.message();
  EXPECT_GE(waited, 250ms);
  EXPECT_LT(waited, 5s);
  server.stop();
}

TEST(HttpServer, StopLetsARequestInFlightFinish) {
  std::promise<void> entered;
  HttpServer server({"127.0.0.1", 0}, [&](const Request&) {
    entered.set_value();
    std::this_thread::sleep_for(400ms);
    return Response{200, "text/plain", "finished", {}, nullptr};
  });
  server.start();
  auto reply = std::async(std::launch::async, [&] { return curl(server.port(), ""); });
  entered.get_future().wait();
  server.stop();  // while the handler still sleeps
  EXPECT_EQ(reply.get(), "finished");
  EXPECT_NE(
      testing::run_shell("curl -s --max-time 2 http://127.0.0.1:" + std::to_string(server.port()) + "/").exit_code, 0)
      << "no longer accepting";
}

TEST(HttpServer, AStateChangeTakingItsTimeHoldsUpNoReader) {
  std::promise<void> entered;
  std::promise<void> release;
  auto released = release.get_future().share();
  HttpServer server({"127.0.0.1", 0}, [&](const Request& request) {
    if (request.method == "POST") {
      entered.set_value();
      released.wait();  // a reload running detection again
      return Response{200, "text/plain", "changed", {}, nullptr};
    }
    return Response{200, "text/plain", "read", {}, nullptr};
  });
  server.start();
  auto change = std::async(std::launch::async, [&] { return curl(server.port(), "-X POST"); });
  entered.get_future().wait();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(curl(server.port(), ""), "read") << "answered while the change runs";
  release.set_value();
  EXPECT_EQ(change.get(), "changed");
  server.stop();
}

TEST(HttpServer, KeepsAConnectionAliveAcrossRequests) {
  int calls = 0;
  HttpServer server({"127.0.0.1", 0}, [&](const Request&) {
    ++calls;
    return Response{200, "text/plain", "ok", {}, nullptr};
  });
  server.start();
  const auto url = "http://127.0.0.1:" + std::to_string(server.port()) + "/a";
  const auto result = testing::run_shell("curl -sv --max-time 5 " + url + " " + url + " 2>&1");
  server.stop();
  EXPECT_EQ(calls, 2);
  EXPECT_NE(result.out.find("Re-using existing connection"), std::string::npos) << result.out;
}

TEST(HttpServer, ListenAddressesAreParsedStrictly) {
  EXPECT_EQ(parse_listen_address("127.0.0.1:8000")->port, 8000);
  EXPECT_EQ(parse_listen_address(":9000")->host, "127.0.0.1");
  EXPECT_EQ(parse_listen_address("[::1]:80")->host, "::1");
  EXPECT_TRUE(parse_listen_address("[::1]:80")->loopback());
  EXPECT_FALSE(parse_listen_address("0.0.0.0:80")->loopback());
  for (const char* bad : {"localhost:80", "127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "1.2.3.4:-1", "x:y"})
    EXPECT_FALSE(parse_listen_address(bad)) << bad;
}

}  // namespace
}  // namespace autocut::api
