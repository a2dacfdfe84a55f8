// The service's HTTP API: every reading, state changes and their order, the event stream, task reports, tokens and
// metrics (the fixture: service_api_fixture.hpp; the documents' caching: service_documents_test.cpp).
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "service_api_fixture.hpp"

namespace autocut::api {
namespace {

using namespace std::chrono_literals;
using testing::run_shell;
using testing::shell_quote;

TEST_F(ServiceApi, StatusHasTheProfilePolicyMonitorAndExplanation) {
  serve();
  const auto reply = get("/api/runtime/status");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const auto status = nlohmann::json::parse(reply.body);
  EXPECT_EQ(status["profile"]["profile_class"], "LOCAL_GPU_HIGH");
  EXPECT_EQ(status["policy"]["level"], "LOCAL_GPU_HIGH");
  EXPECT_EQ(status["monitor"]["level"], "LOCAL_GPU_HIGH");
  EXPECT_NE(status["explanation"].get<std::string>().find("7900"), std::string::npos);
  EXPECT_EQ(reply.headers.find("Access-Control-Allow-Origin"), std::string::npos) << "no CORS wildcard";
  const auto chinese = nlohmann::json::parse(get("/api/runtime/status?lang=zh").body);
  EXPECT_NE(chinese["explanation"].get<std::string>().find("显存"), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(state_.path() / "runtime_profile.json"));
}

TEST_F(ServiceApi, EveryReadingAnswers) {
  serve();
  for (const char* path : {"/api/runtime/profile", "/api/runtime/policy", "/api/runtime/monitor",
                           "/api/runtime/monitor/metrics/history?minutes=5", "/api/runtime/events",
                           "/api/runtime/admit?kind=vision", "/healthz", "/openapi.json"}) {
    const auto reply = get(path);
    EXPECT_EQ(reply.status, 200) << path << ": " << reply.body;
    EXPECT_FALSE(nlohmann::json::parse(reply.body, nullptr, false).is_discarded()) << path;
  }
  EXPECT_EQ(get("/api/runtime/nothing").status, 404);
  const auto openapi = nlohmann::json::parse(get("/openapi.json").body);
  EXPECT_EQ(openapi["openapi"], "3.0.3");
  EXPECT_TRUE(openapi["paths"].contains("/api/runtime/policy/degrade"));
}

TEST_F(ServiceApi, TheApiReferencePageAndEverythingItLoadsAreServedByTheBinary) {
  serve();
  const auto page = get("/docs");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.headers.find("Content-Type: text/html"), std::string::npos);
  EXPECT_NE(page.headers.find("Content-Security-Policy: default-src 'self'"), std::string::npos) << page.headers;
  int loaded = 0;
  for (const std::string attribute : {"src=\"", "href=\""})
    for (auto at = page.body.find(attribute); at != std::string::npos; at = page.body.find(attribute, at + 1)) {
      const auto start = at + attribute.size();
      const auto target = page.body.substr(start, page.body.find('"', start) - start);
      EXPECT_TRUE(target.starts_with("/docs/")) << "everything from this server: " << target;
      const auto asset = get(target);
      EXPECT_EQ(asset.status, 200) << target;
      EXPECT_GT(asset.body.size(), 100u) << target;
      ++loaded;
    }
  EXPECT_EQ(loaded, 3) << "the viewer's script and style, and the script that points it at /openapi.json";
  EXPECT_NE(get("/docs/init.js").body.find("/openapi.json"), std::string::npos);
  EXPECT_EQ(get("/docs/nothing.js").status, 404);
}

TEST_F(ServiceApi, StateChangesArePostOnly) {
  serve();
  for (const char* path : {"/api/runtime/profile/reload", "/api/runtime/policy/reload", "/api/runtime/policy/degrade",
                           "/api/runtime/policy/restore"}) {
    const auto refused = get(path);
    EXPECT_EQ(refused.status, 405) << path;
    EXPECT_NE(refused.headers.find("Allow: POST"), std::string::npos) << refused.headers;
    EXPECT_NE(refused.body.find("send it as POST"), std::string::npos) << refused.body;
  }
  EXPECT_EQ(post("/api/runtime/profile/reload").status, 200);
  EXPECT_EQ(post("/api/runtime/policy/reload").status, 200);
}

TEST_F(ServiceApi, ADegradeInAnyLanguageComesBackIntactAndRestoreLiftsIt) {
  serve();
  const auto down = post("/api/runtime/policy/degrade?reason=%E6%B5%8B%E8%AF%95%E9%99%8D%E7%BA%A7");
  ASSERT_EQ(down.status, 200) << down.body;
  EXPECT_EQ(nlohmann::json::parse(down.body)["level"], "LOCAL_GPU_MID");
  EXPECT_EQ(nlohmann::json::parse(get("/api/runtime/policy").body)["level"], "LOCAL_GPU_MID");
  const auto events = nlohmann::json::parse(get("/api/runtime/events").body)["events"];
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["reason"], "测试降级");
  EXPECT_EQ(events[0]["rule"], "manual");
  EXPECT_EQ(nlohmann::json::parse(post("/api/runtime/policy/restore").body)["level"], "LOCAL_GPU_HIGH");
  const auto told = levels_told();  // what keeps the NFD feature file current
  ASSERT_GE(told.size(), 2u);
  EXPECT_NE(std::find(told.begin(), told.end(), core::Level::local_gpu_mid), told.end());
  EXPECT_EQ(told.back(), core::Level::local_gpu_high);
}

// Whoever keeps the NFD feature file writes what it is told last, so the last level told must be the current one even
// when two transitions are told at once (here: telling MID is slow and a restore lands meanwhile).
TEST_F(ServiceApi, WhenTransitionsAreToldAtOnceTheLastLevelToldIsTheCurrentOne) {
  serve();
  for (int i = 0; i < 500 && !service_->complete(); ++i) std::this_thread::sleep_for(10ms);
  slow_to_tell_mid_ = 300ms;
  std::jthread degrading([&] { service_->degrade("slow to tell"); });
  for (int i = 0; i < 1000 && service_->current_policy().level != core::Level::local_gpu_mid; ++i)
    std::this_thread::sleep_for(5ms);
  service_->restore("back");
  degrading.join();
  ASSERT_EQ(service_->current_policy().level, core::Level::local_gpu_high);
  const auto told = levels_told();
  ASSERT_FALSE(told.empty());
  EXPECT_EQ(told.back(), core::Level::local_gpu_high);
}

TEST_F(ServiceApi, SubscribersHearEachTransitionOnceWithThePolicyThatFollowsIt) {
  serve();
  std::mutex heard_mutex;
  std::vector<std::pair<core::Level, core::Level>> heard;  // the event's new level, the policy's level
  service_->subscribe([&](const monitor::Event& event, const policy::ExecutionPolicy& policy) {
    std::lock_guard lock(heard_mutex);
    heard.emplace_back(event.to, policy.level);
  });
  service_->degrade("down");
  service_->restore("up");
  std::lock_guard lock(heard_mutex);
  ASSERT_EQ(heard.size(), 2u);
  EXPECT_EQ(heard[0], std::make_pair(core::Level::local_gpu_mid, core::Level::local_gpu_mid));
  EXPECT_EQ(heard[1], std::make_pair(core::Level::local_gpu_high, core::Level::local_gpu_high));
}

TEST_F(ServiceApi, TheStreamCarriesATransitionCausedByADegrade) {
  serve();
  testing::TempDir capture;
  const auto file = (capture.path() / "stream.txt").string();
  std::jthread listener(
      [&] { run_shell("curl -sN --max-time 4 " + url("/api/runtime/events/stream") + " > " + file); });
  for (int i = 0; i < 100 && service_->hub().listeners() == 0; ++i) std::this_thread::sleep_for(20ms);
  ASSERT_EQ(service_->hub().listeners(), 1u);
  post("/api/runtime/policy/degrade?reason=%E6%B5%8B%E8%AF%95%E9%99%8D%E7%BA%A7");
  listener.join();
  const auto stream = testing::read_text(capture.path() / "stream.txt");
  EXPECT_NE(stream.find("event: hello"), std::string::npos) << stream;
  EXPECT_NE(stream.find("event: sample"), std::string::npos) << stream;
  EXPECT_NE(stream.find("event: transition"), std::string::npos) << stream;
  EXPECT_NE(stream.find("\"reason\":\"测试降级\""), std::string::npos) << stream;
  for (int i = 0; i < 100 && service_->hub().listeners() != 0; ++i) std::this_thread::sleep_for(20ms);
  EXPECT_EQ(service_->hub().listeners(), 0u) << "the client's departure ends its subscription";
}

// Until the slow probes answer, what depends on them is "pending"; their answer comes down the stream with the
// policy it leads to.
TEST_F(ServiceApi, DetectionCompletingIsToldOnTheStreamAndEndsStillChecking) {
  std::promise<void> answer;
  std::shared_future<void> answered = answer.get_future().share();
  detect_ = [answered](service::DetectionDepth depth) {
    detect::DetectOptions options;
    options.slow_probes = depth == service::DetectionDepth::complete;
    if (options.slow_probes) answered.wait();
    const sys::HostRoot root(std::filesystem::path(AUTOCUT_FIXTURE_HOSTS) / "amd-rx7900xtx");
    return profile::build_profile(detect::detect_all(root, options), std::chrono::system_clock::now());
  };
  serve();
  const auto before = nlohmann::json::parse(get("/api/runtime/status").body);
  EXPECT_EQ(before["detection_complete"], false);
  EXPECT_EQ(before["policy"]["editing"]["backend"], "pending");
  EXPECT_EQ(before["profile"]["probes"]["ffmpeg"]["status"], "pending");
  EXPECT_NE(before["explanation"].get<std::string>().find("Still checking: local AI servers, ffmpeg"),
            std::string::npos);

  testing::TempDir capture;
  const auto file = (capture.path() / "stream.txt").string();
  std::jthread listener(
      [&] { run_shell("curl -sN --max-time 3 " + url("/api/runtime/events/stream") + " > " + file); });
  for (int i = 0; i < 100 && service_->hub().listeners() == 0; ++i) std::this_thread::sleep_for(20ms);
  ASSERT_EQ(service_->hub().listeners(), 1u);
  answer.set_value();
  listener.join();
  const auto stream = testing::read_text(capture.path() / "stream.txt");
  EXPECT_NE(stream.find("event: profile"), std::string::npos) << stream;
  EXPECT_NE(stream.find("\"detection_complete\":true"), std::string::npos) << stream;

  const auto after = nlohmann::json::parse(get("/api/runtime/status").body);
  EXPECT_EQ(after["detection_complete"], true);
  EXPECT_NE(after["policy"]["editing"]["backend"], "pending");
  EXPECT_EQ(after["explanation"].get<std::string>().find("Still checking"), std::string::npos);
}

// 1,000 state changes at once from 64 connections (degrade, restore, policy reload, task reports): every request
// answered, each transition told exactly once, and the transitions chain into the level the service ends at.
TEST_F(ServiceApi, AThousandConcurrentStateChangesLeaveOneConsistentLevel) {
  serve();
  std::mutex heard_mutex;
  std::vector<std::pair<core::Level, core::Level>> heard;
  service_->subscribe([&](const monitor::Event& event, const policy::ExecutionPolicy&) {
    if (!event.applied) return;
    std::lock_guard lock(heard_mutex);
    heard.emplace_back(event.from, event.to);
  });
  testing::TempDir work;
  std::string config;
  const std::string base = "http://127.0.0.1:" + std::to_string(server_->port());
  for (int i = 0; i < 1000; ++i) {
    if (i > 0) config += "next\n";
    static constexpr const char* kPaths[] = {"/api/runtime/policy/degrade", "/api/runtime/policy/restore",
                                             "/api/runtime/policy/reload", "/api/runtime/tasks"};
    const std::string path = kPaths[i % 4];
    config += "url = \"" + base + path +
              "\"\nrequest = \"POST\"\noutput = \"/dev/null\"\n"
              "write-out = \"%{http_code}\\n\"\n";
    if (path == "/api/runtime/tasks")
      config +=
          "header = \"Content-Type: application/json\"\ndata = \"{\\\"kind\\\": \\\"vision\\\", "
          "\\\"backend\\\": \\\"ollama-gpu\\\", \\\"ok\\\": " +
          std::string(i % 8 == 3 ? "false" : "true") + "}\"\n";
  }
  const auto file = work.write("requests.curl", config);
  const auto result = run_shell("curl -sS --no-progress-meter --parallel --parallel-max 64 --max-time 30 --config " +
                                shell_quote(file.string()));
  std::map<std::string, int> codes;
  std::istringstream lines(result.out);
  for (std::string code; std::getline(lines, code);) ++codes[code];
  std::string tally;
  for (const auto& [code, count] : codes) tally += code + "×" + std::to_string(count) + " ";
  EXPECT_EQ(codes["200"] + codes["202"], 1000) << tally << result.err;

  // Stopped, nothing moves any more: what was told must add up to where it stands.
  server_->stop();
  service_->stop();
  const auto level = std::optional(service_->monitor_status().level);
  std::lock_guard lock(heard_mutex);
  ASSERT_FALSE(heard.empty());
  auto at = core::Level::local_gpu_high;
  for (const auto& [from, to] : heard) {
    EXPECT_EQ(from, at) << "each transition starts where the one before ended";
    at = to;
  }
  EXPECT_EQ(at, *level);
  std::uint64_t counted = 0;
  for (const auto& [rule, count] : service_->counters().transitions_by_rule) counted += count;
  EXPECT_EQ(counted, heard.size()) << "one event per transition";
}

TEST_F(ServiceApi, QueryValuesAreValidatedNamingTheParameter) {
  serve();
  for (const char* value : {"-1", "abc", "1e12", ""}) {
    const auto reply = get(std::string("/api/runtime/monitor/metrics/history?minutes=") + value);
    EXPECT_EQ(reply.status, 400) << value;
    EXPECT_NE(reply.body.find("minutes must be a number from 0.1 to 1440"), std::string::npos) << reply.body;
  }
  EXPECT_EQ(get("/api/runtime/admit?kind=dreaming").status, 400);
  EXPECT_EQ(get("/api/runtime/status?lang=fr").status, 400);
  EXPECT_EQ(get("/api/runtime/status%zz").status, 400);
}

TEST_F(ServiceApi, TaskReportsFeedTheMonitorAndBadOnesAreRefused) {
  serve();
  const auto ok = post("/api/runtime/tasks",
                       "-H 'Content-Type: application/json' -d '{\"kind\":\"vision\",\"backend\":\"ollama-gpu\","
                       "\"ok\":false,\"duration_ms\":1200,\"error\":\"model crashed\"}'");
  EXPECT_EQ(ok.status, 202) << ok.body;
  EXPECT_NE(service_->counters().tasks.count({"vision", "ollama-gpu", false}), 0u);
  for (const char* body : {"not json", "[]", "{\"kind\":\"vision\",\"backend\":\"ollama-gpu\"}",
                           "{\"kind\":\"x\",\"backend\":\"cloud\",\"ok\":true}",
                           "{\"kind\":\"vision\",\"backend\":\"somewhere\",\"ok\":true}",
                           "{\"kind\":\"vision\",\"backend\":\"cloud\",\"ok\":true,\"duration_ms\":-4}"}) {
    const auto refused = post("/api/runtime/tasks", "-d " + shell_quote(body));
    EXPECT_EQ(refused.status, 400) << body << ": " << refused.body;
    EXPECT_TRUE(nlohmann::json::parse(refused.body).contains("detail"));
  }
  testing::TempDir scratch;
  const auto large = scratch.write("large.json", std::string(70000, 'x'));
  const auto huge = post("/api/runtime/tasks", "--data-binary @" + shell_quote(large.string()));
  EXPECT_EQ(huge.status, 413) << huge.body;
}

TEST_F(ServiceApi, WithATokenTheApiNeedsItAndNeverShowsIt) {
  const std::string token = "s3cret-token-0123456789";
  serve(token);
  EXPECT_EQ(get("/api/runtime/status").status, 401);
  EXPECT_EQ(get("/api/runtime/status", "-H 'Authorization: Bearer wrong-token-0123456789'").status, 401);
  EXPECT_EQ(post("/api/runtime/policy/degrade").status, 401);
  const auto allowed = get("/api/runtime/status", "-H " + shell_quote("Authorization: Bearer " + token));
  EXPECT_EQ(allowed.status, 200);
  EXPECT_EQ(allowed.body.find(token), std::string::npos);
  EXPECT_EQ(allowed.body.find("s3cret"), std::string::npos);
  EXPECT_EQ(get("/healthz").status, 200);
  EXPECT_EQ(get("/metrics").status, 200);
}

TEST_F(ServiceApi, MetricsPassPromtoolAndShowTheLevel) {
  serve();
  post("/api/runtime/tasks", "-d '{\"kind\":\"vision\",\"backend\":\"cloud\",\"ok\":true}'");
  std::this_thread::sleep_for(250ms);  // a sample or two
  const auto metrics = get("/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("autocut_policy_level{level=\"LOCAL_GPU_HIGH\"} 1"), std::string::npos) << metrics.body;
  EXPECT_NE(metrics.body.find("autocut_gpu_memory_used_ratio{pci_address=\"0000:03:00.0\"} 0.4"), std::string::npos);
  EXPECT_NE(metrics.body.find("autocut_tasks_total{kind=\"vision\",backend=\"cloud\",outcome=\"ok\"} 1"),
            std::string::npos);
  testing::TempDir scratch;
  scratch.write("metrics.txt", metrics.body);
  const auto check = run_shell("promtool check metrics < " + shell_quote((scratch.path() / "metrics.txt").string()));
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

}  // namespace
}  // namespace autocut::api
