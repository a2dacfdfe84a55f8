// The HTTP client against a real server on a loopback port.
#include "sys/http_client.hpp"

#include <gtest/gtest.h>

#include "support/replay_server.hpp"

namespace autocut::sys {
namespace {

using autocut::testing::ReplayServer;
using autocut::testing::Reply;

HttpUrl url_of(const ReplayServer& server) { return *parse_http_url(server.url(), "80"); }

TEST(ParseHttpUrl, AcceptsWhatOllamaHostAccepts) {
  EXPECT_EQ(parse_http_url("http://127.0.0.1:11434", "1")->describe(), "http://127.0.0.1:11434");
  EXPECT_EQ(parse_http_url("localhost", "11434")->describe(), "http://localhost:11434");
  EXPECT_EQ(parse_http_url("0.0.0.0:8080", "1")->describe(), "http://127.0.0.1:8080");
  EXPECT_EQ(parse_http_url("http://[::1]:1234/", "1")->describe(), "http://[::1]:1234");
  EXPECT_EQ(parse_http_url(parse_http_url("[::1]:1234", "1")->describe(), "1")->describe(), "http://[::1]:1234");
  EXPECT_EQ(parse_http_url("http://host:1/prefix/", "1")->base_path, "/prefix");
  EXPECT_FALSE(parse_http_url("https://api.openai.com", "443"));
  EXPECT_FALSE(parse_http_url("http://host:port", "1"));
  EXPECT_FALSE(parse_http_url("http://127.0.0.1:65536", "1")) << "no such port";
  EXPECT_FALSE(parse_http_url("http://a b:1", "1"));
}

TEST(HttpRequest, GetsABody) {
  ReplayServer server({{"GET /api/version", Reply{200, R"({"version":"0.5.7"})"}}});
  const auto response = http_get(url_of(server), "/api/version", {});
  ASSERT_TRUE(response.ok()) << response.problem();
  EXPECT_EQ(response.body, R"({"version":"0.5.7"})");
}

TEST(HttpRequest, PostsJson) {
  ReplayServer server({{"POST /api/show", Reply{200, "{}"}}});
  const auto response = http_request(url_of(server), "POST", "/api/show", R"({"model":"moondream"})", {});
  EXPECT_TRUE(response.ok()) << response.problem();
  EXPECT_EQ(server.requests().at(0), R"(POST /api/show {"model":"moondream"})");
}

TEST(HttpRequest, AnErrorStatusIsNamed) {
  ReplayServer server({{"GET /x", Reply{500, "boom"}}});
  const auto response = http_get(url_of(server), "/x", {});
  EXPECT_FALSE(response.ok());
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.problem(), "HTTP 500");
}

TEST(HttpRequest, AServerThatNeverAnswersCostsTheTimeout) {
  ReplayServer server({{"GET /x", Reply{200, "", {}, true}}});
  HttpLimits limits;
  limits.timeout = std::chrono::milliseconds(150);
  const auto start = std::chrono::steady_clock::now();
  const auto response = http_get(url_of(server), "/x", limits);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_FALSE(response.ok());
  EXPECT_NE(response.error.find("no answer from"), std::string::npos) << response.error;
  EXPECT_NE(response.error.find("within 150 ms"), std::string::npos) << response.error;
  EXPECT_LT(elapsed, std::chrono::seconds(2)) << "the deadline must hold";
}

TEST(HttpRequest, AHugeBodyIsRefused) {
  ReplayServer server({{"GET /x", Reply{200, "", {}, false, 3u << 20}}});
  HttpLimits limits;
  limits.max_body_bytes = 1u << 20;
  limits.timeout = std::chrono::milliseconds(2000);
  const auto response = http_get(url_of(server), "/x", limits);
  EXPECT_FALSE(response.ok());
  EXPECT_NE(response.error.find("larger than 1048576 bytes"), std::string::npos) << response.error;
}

TEST(HttpRequest, AClosedPortIsNothingListening) {
  unsigned short port = 0;
  {
    ReplayServer server({});
    port = server.port();
  }
  const auto response = http_get(*parse_http_url("127.0.0.1:" + std::to_string(port), "1"), "/", {});
  EXPECT_NE(response.error.find("nothing listens at http://127.0.0.1:" + std::to_string(port)), std::string::npos)
      << response.error;
}

}  // namespace
}  // namespace autocut::sys
