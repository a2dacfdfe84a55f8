// The service's GET documents over HTTP: kept between changes and rendered again after one, their ETags, 304 for
// a client holding the current one, HEAD, and readers during reloads never served a torn or mixed document.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "api/document_cache.hpp"
#include "service_api_fixture.hpp"

namespace autocut::api {
namespace {

using testing::run_shell;
using testing::shell_quote;

TEST_F(ServiceApi, ADocumentReadAgainAfterARuleTripsShowsTheNewLevel) {
  serve();
  const auto level_in = [&](const char* path, const char* pointer) {
    return nlohmann::json::parse(get(path).body)[nlohmann::json::json_pointer(pointer)].get<std::string>();
  };
  EXPECT_EQ(level_in("/api/runtime/status", "/policy/level"), "LOCAL_GPU_HIGH");
  EXPECT_EQ(level_in("/api/runtime/policy", "/level"), "LOCAL_GPU_HIGH");
  const auto metrics_before = get("/metrics").body;
  const auto explanation_before = get("/api/runtime/explanation").body;

  ASSERT_EQ(post("/api/runtime/policy/degrade?reason=test").status, 200);
  EXPECT_EQ(level_in("/api/runtime/status", "/policy/level"), "LOCAL_GPU_MID");
  EXPECT_EQ(level_in("/api/runtime/status", "/monitor/level"), "LOCAL_GPU_MID");
  EXPECT_EQ(level_in("/api/runtime/policy", "/level"), "LOCAL_GPU_MID");
  EXPECT_EQ(level_in("/api/runtime/monitor", "/level"), "LOCAL_GPU_MID");
  EXPECT_EQ(nlohmann::json::parse(get("/api/runtime/events").body)["events"].back()["to"], "LOCAL_GPU_MID");
  EXPECT_NE(get("/metrics").body.find("autocut_policy_level{level=\"LOCAL_GPU_MID\"} 1"), std::string::npos);
  EXPECT_NE(get("/api/runtime/explanation").body, explanation_before);
  EXPECT_NE(metrics_before.find("autocut_policy_level{level=\"LOCAL_GPU_HIGH\"} 1"), std::string::npos);
}

TEST_F(ServiceApi, TheETagChangesExactlyWhenTheContentChanges) {
  serve();
  // Across transitions there and back, every body read has one tag, and every tag one body.
  std::map<std::string, std::string> tag_of_body;
  std::map<std::string, std::string> body_of_tag;
  const auto read = [&](const char* path) {
    const auto reply = get(path);
    EXPECT_EQ(reply.status, 200) << path;
    const auto tag = reply.header("ETag");
    EXPECT_FALSE(tag.empty()) << path;
    EXPECT_EQ(reply.header("Cache-Control"), "no-cache") << path;
    const auto [by_body, new_body] = tag_of_body.emplace(reply.body, tag);
    EXPECT_EQ(by_body->second, tag) << path << ": the same bytes under two tags";
    const auto [by_tag, new_tag] = body_of_tag.emplace(tag, reply.body);
    EXPECT_EQ(by_tag->second, reply.body) << path << ": two bodies under one tag";
    return tag;
  };
  const auto policy_at_first = read("/api/runtime/policy");
  EXPECT_EQ(read("/api/runtime/policy"), policy_at_first) << "nothing changed, the same tag";
  for (int round = 0; round < 3; ++round) {
    for (const char* path : {"/api/runtime/status", "/api/runtime/policy", "/api/runtime/policy?lang=zh",
                             "/api/runtime/explanation", "/api/runtime/monitor", "/api/runtime/events", "/metrics",
                             "/api/runtime/monitor/metrics/history?minutes=1", "/openapi.json", "/app.js"})
      read(path);
    ASSERT_EQ(post("/api/runtime/policy/degrade").status, 200);
    EXPECT_NE(read("/api/runtime/policy"), policy_at_first);
    ASSERT_EQ(post("/api/runtime/policy/restore").status, 200);
    EXPECT_EQ(read("/api/runtime/policy"), policy_at_first) << "back where it was: the same bytes, the same tag";
  }
  EXPECT_NE(read("/api/runtime/policy?lang=zh"), policy_at_first) << "each language is its own document";
}

TEST_F(ServiceApi, OnlyAMatchingTagIsAnswered304) {
  serve();
  const auto first = get("/api/runtime/policy");
  const auto tag = first.header("ETag");
  ASSERT_FALSE(tag.empty());
  const auto held = get("/api/runtime/policy", "-H " + shell_quote("If-None-Match: " + tag));
  EXPECT_EQ(held.status, 304);
  EXPECT_TRUE(held.body.empty());
  EXPECT_EQ(held.header("ETag"), tag);
  EXPECT_EQ(get("/api/runtime/policy", "-H " + shell_quote("If-None-Match: W/" + tag)).status, 304);
  EXPECT_EQ(get("/api/runtime/policy", "-H " + shell_quote("If-None-Match: \"x\", " + tag)).status, 304);
  EXPECT_EQ(get("/api/runtime/policy", "-H 'If-None-Match: \"x\"'").status, 200);
  EXPECT_EQ(get("/openapi.json", "-H " + shell_quote("If-None-Match: " + tag)).status, 200) << "another document";

  ASSERT_EQ(post("/api/runtime/policy/degrade").status, 200);
  const auto changed = get("/api/runtime/policy", "-H " + shell_quote("If-None-Match: " + tag));
  EXPECT_EQ(changed.status, 200) << "the tag held is no longer current";
  EXPECT_EQ(nlohmann::json::parse(changed.body)["level"], "LOCAL_GPU_MID");
  EXPECT_NE(changed.header("ETag"), tag);

  // The dashboard's own files revalidate the same way.
  const auto page = get("/");
  EXPECT_EQ(get("/", "-H " + shell_quote("If-None-Match: " + page.header("ETag"))).status, 304);
}

TEST_F(ServiceApi, HeadHasTheHeadersOfGetAndNoBody) {
  serve();
  const auto whole = get("/openapi.json");
  const auto head = run_shell("curl -sS -I --max-time 10 " + url("/openapi.json"));
  ASSERT_EQ(head.exit_code, 0) << head.err;
  const auto end_of_headers = head.out.find("\r\n\r\n");
  ASSERT_NE(end_of_headers, std::string::npos);
  EXPECT_EQ(end_of_headers + 4, head.out.size()) << "nothing after the headers";
  const Reply headers{200, "", head.out.substr(0, end_of_headers)};
  EXPECT_EQ(headers.header("Content-Length"), std::to_string(whole.body.size()));
  EXPECT_EQ(headers.header("ETag"), whole.header("ETag"));
  // Said twice over one connection: a body sent after a HEAD's headers would be read as the second answer.
  const auto twice = run_shell("curl -sS -I --max-time 10 " + url("/healthz") + " " + url("/api/runtime/profile"));
  EXPECT_EQ(twice.exit_code, 0) << twice.err;
  const auto first_answer = twice.out.find("HTTP/1.1 200");
  ASSERT_NE(first_answer, std::string::npos) << twice.out;
  EXPECT_NE(twice.out.find("HTTP/1.1 200", first_answer + 1), std::string::npos) << twice.out;
  EXPECT_NE(twice.out.find("ETag"), std::string::npos) << twice.out;
}

// Readers straight through the routes (64 at once, as many as the server's threads could be) while the machine is
// detected again and again, alternating between two machines: every status is whole, its profile and policy are of
// one detection, and its tag is that of its bytes. Run under ThreadSanitizer too.
TEST_F(ServiceApi, AReloadDuringConcurrentReadersNeverServesATornOrMixedDocument) {
  std::atomic<int> detections{0};
  detect_ = [&](service::DetectionDepth) {
    const char* host = detections++ % 2 == 0 ? "amd-rx7900xtx" : "original-cpu-only-13700k";
    const sys::HostRoot root(std::filesystem::path(AUTOCUT_FIXTURE_HOSTS) / host);
    return profile::build_profile(detect::detect_all(root, {}), std::chrono::system_clock::now());
  };
  serve();
  const auto routes = make_routes(*service_, {std::nullopt, false, core::Language::en});
  std::atomic<bool> reloading{true};
  std::atomic<int> reads{0};
  std::atomic<int> classes_seen{0};
  std::mutex failure_mutex;
  std::string failure;
  std::vector<std::jthread> readers;
  for (int i = 0; i < 64; ++i)
    readers.emplace_back([&, i] {
      int seen = 0;
      while (reloading || seen == 0) {
        Request request;
        request.method = "GET";
        request.path = i % 2 ? "/api/runtime/status" : "/api/runtime/policy";
        const auto response = routes(request);
        ++reads;
        ++seen;
        const auto body = std::string(response.content());
        const auto document = nlohmann::json::parse(body, nullptr, false);
        std::string tag;
        for (const auto& [name, value] : response.headers)
          if (name == "ETag") tag = value;
        std::string problem;
        if (response.status != 200 || document.is_discarded())
          problem = "not whole: " + body.substr(0, 80);
        else if (tag != entity_tag(body))
          problem = "a tag not of these bytes";
        else if (i % 2 && document["profile"]["profile_class"] != document["policy"]["detected_class"])
          problem = "a profile and a policy never together: " + document["profile"]["profile_class"].dump() + " " +
                    document["policy"]["detected_class"].dump();
        else if (i % 2 && (document["explanation"].get<std::string>().find("7900") != std::string::npos) !=
                              (document["profile"]["profile_class"] == "LOCAL_GPU_HIGH"))
          problem = "an explanation of another machine";
        if (!problem.empty()) {
          std::lock_guard lock(failure_mutex);
          failure = problem;
        }
        if (document.is_object() && document.contains("detected_class") &&
            document["detected_class"] == "LOCAL_CPU_ONLY")
          classes_seen |= 1;
        if (document.is_object() && document.contains("detected_class") &&
            document["detected_class"] == "LOCAL_GPU_HIGH")
          classes_seen |= 2;
      }
    });
  for (int n = 0; n < 20; ++n) {
    Request reload;
    reload.method = "POST";
    reload.path = "/api/runtime/profile/reload";
    EXPECT_EQ(routes(reload).status, 200);
  }
  reloading = false;
  readers.clear();
  EXPECT_EQ(failure, "");
  EXPECT_GT(reads.load(), 64);
  EXPECT_EQ(classes_seen.load(), 3) << "readers saw both machines, so the reloads happened under them";
}

}  // namespace
}  // namespace autocut::api
