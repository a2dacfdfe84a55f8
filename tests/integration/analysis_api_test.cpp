// Video analysis through the service: the HTTP API in process on a loopback port, spoken to by the real curl, the
// real worker on a video made by ffmpeg, and loopback servers replaying Ollama's and OpenAI's documented answers
// (tests/recorded/README.md) as the local model and the cloud. The machine is a captured CPU-only VM with that Ollama
// and a cloud key added to its facts; the monitor's system figures are fixed, its failure rule is the real one.
#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "api/http_server.hpp"
#include "api/routes.hpp"
#include "detect/detect_all.hpp"
#include "profile/build_profile.hpp"
#include "support/fixed_sample_source.hpp"
#include "support/recorded.hpp"
#include "support/replay_server.hpp"
#include "support/run_process.hpp"
#include "support/temp_dir.hpp"
#include "support/test_videos.hpp"

namespace autocut::api {
namespace {

using namespace std::chrono_literals;
using json = nlohmann::json;
using testing::recorded;
using testing::ReplayServer;
using testing::Reply;
using testing::run_shell;
using testing::shell_quote;

monitor::Sample quiet_machine() {
  monitor::Sample sample;
  sample.cpu_percent = 10;
  sample.memory_available_bytes = 20ull << 30;
  return sample;
}

class AnalysisApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    videos_ = new testing::TempDir();
    ASSERT_EQ(run_shell(testing::cuts_video_command(videos_->path() / "clip.mp4")).exit_code, 0);
  }
  static void TearDownTestSuite() { delete videos_; }

  // `ollama` and `cloud` answer as the machine's Ollama (moondream, a vision model) and its cloud.
  void serve(const ReplayServer& ollama, const ReplayServer& cloud, bool with_worker = true,
             analysis_jobs::MediaRoots media = analysis_jobs::MediaRoots::anywhere(), bool runtimes_pending = false) {
    service::ServiceSetup setup;
    // By value: the background detection may still run when the test's servers are gone.
    setup.detect = [ollama_url = ollama.url(), cloud_url = cloud.url(), runtimes_pending](service::DetectionDepth) {
      auto facts = detect::detect_all(sys::HostRoot(std::filesystem::path(AUTOCUT_FIXTURE_HOSTS) / "debian12-vm"));
      core::AiModel moondream{"moondream:latest", 1738417570ull};
      moondream.capabilities = {"completion", "vision"};
      moondream.vision = true;
      facts.runtimes = {{core::RuntimeKind::ollama, ollama_url, true, true, "0.5.7", {moondream}}};
      facts.cloud = core::CloudFacts{{true, cloud_url + "/v1", "gpt-4o"}, {}};
      if (runtimes_pending) {
        facts.runtimes.clear();
        for (auto& probe : facts.probes)
          if (probe.name == "ai-runtimes") probe = {"ai-runtimes", core::ProbeState::pending, "still probing", {}};
      }
      return profile::build_profile(facts, std::chrono::system_clock::now());
    };
    setup.sampler = [](const core::RuntimeProfile&) {
      return std::make_unique<testing::FixedSampleSource>(quiet_machine());
    };
    // No tick comes during a test: what moves the level is the judgement after each attempt of a job.
    setup.monitor.interval = 1h;
    setup.monitor.engine.failures.min_tasks = 4;
    service_ = std::make_unique<service::RuntimeService>(std::move(setup));
    std::optional<service::AnalysisLaunch> launch;
    if (with_worker) {
      launch = service::AnalysisLaunch{AUTOCUT_WORKER, {"OPENAI_API_KEY=sk-test-service-key"}};
      launch->results_dir = results_dir_;
      // The worker runs under the test's sanitizer settings (its suppressions for FFmpeg's own threads).
      for (const char* name : {"TSAN_OPTIONS", "ASAN_OPTIONS", "UBSAN_OPTIONS"})
        if (const char* value = std::getenv(name)) launch->environment.push_back(std::string(name) + "=" + value);
    }
    queue_ = std::make_unique<service::AnalysisQueue>(*service_, launch, "the analysis worker is not installed",
                                                      std::move(media));
    server_ = std::make_unique<HttpServer>(
        ListenAddress{"127.0.0.1", 0}, make_routes(*service_, {std::nullopt, false, core::Language::en, queue_.get()}));
    service_->start();
    server_->start();
  }

  void TearDown() override {
    if (server_) server_->stop();
    if (queue_) queue_->stop();
    if (service_) service_->stop();
  }

  std::string url(const std::string& target) const {
    return "http://127.0.0.1:" + std::to_string(server_->port()) + target;
  }
  // Status code on the first line, the body after it.
  std::pair<int, json> call(const std::string& method, const std::string& target, const std::string& body = {}) {
    const auto result =
        run_shell("curl -sS --max-time 10 -w '\\n%{http_code}' -X " + method +
                  (body.empty() ? "" : " -H 'Content-Type: application/json' --data-binary " + shell_quote(body)) +
                  " " + shell_quote(url(target)));
    const auto split = result.out.rfind('\n');
    return {std::stoi(result.out.substr(split + 1)), json::parse(result.out.substr(0, split), nullptr, false)};
  }
  json wait_until_ended(const std::string& id) {
    for (int i = 0; i < 600; ++i) {
      auto [status, job] = call("GET", "/api/analyze/" + id);
      if (status != 200 || (job["state"] != "queued" && job["state"] != "running")) return job;
      std::this_thread::sleep_for(50ms);
    }
    return {};
  }
  static std::string video() { return (videos_->path() / "clip.mp4").string(); }
  static json eight_scenes() {
    json scenes = json::array();
    for (int i = 0; i < 8; ++i) scenes.push_back({{"start", i * 1.5}, {"end", (i + 1) * 1.5}});
    return scenes;
  }

  static testing::TempDir* videos_;
  std::optional<std::filesystem::path> results_dir_;  // finished jobs and their pictures kept here, when set
  std::unique_ptr<service::RuntimeService> service_;
  std::unique_ptr<service::AnalysisQueue> queue_;
  std::unique_ptr<HttpServer> server_;
};

testing::TempDir* AnalysisApi::videos_ = nullptr;

TEST_F(AnalysisApi, AJobFollowsThePolicyAsTheMonitorMovesItAndStreamsItsProgress) {
  auto ollama_routes = testing::ollama_recorded_routes();
  const Reply answer{200, recorded("ollama-chat-llava.json")};
  const Reply broken{500, R"({"error":"llama runner process has terminated: signal: killed"})"};
  ollama_routes["POST /api/chat"] = {
      200, recorded("ollama-chat-llava.json"), {}, false, 0, {}, {answer, answer, broken}};
  ReplayServer ollama(ollama_routes);
  ReplayServer cloud({{"POST /v1/chat/completions", {200, recorded("openai-chat-completion.json")}}});
  serve(ollama, cloud);
  testing::TempDir stream;
  const auto listening = (stream.path() / "events.txt").string();
  std::thread listener([&] {
    run_shell("curl -sN --max-time 30 " + shell_quote(url("/api/runtime/events/stream")) + " > " +
              shell_quote(listening));
  });

  const auto [status, started] =
      call("POST", "/api/analyze", json{{"video", video()}, {"scenes", eight_scenes()}}.dump());
  ASSERT_EQ(status, 202) << started.dump();
  const auto id = started["id"].get<std::string>();
  EXPECT_EQ(started["url"], "/api/analyze/" + id);
  const auto job = wait_until_ended(id);
  ASSERT_EQ(job["state"], "done") << job.dump();
  const auto& scenes = job["scenes"];
  ASSERT_EQ(scenes.size(), 8u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(scenes[i]["backend"], "ollama-cpu") << i;
  for (int i = 3; i < 8; ++i) EXPECT_EQ(scenes[i]["backend"], "cloud") << i;
  EXPECT_EQ(job["plan_changes"].back()["level"], "HYBRID");
  for (const auto& authorization : cloud.authorizations()) EXPECT_EQ(authorization, "Bearer sk-test-service-key");

  const auto [events_status, events] = call("GET", "/api/runtime/events");
  ASSERT_EQ(events_status, 200);
  EXPECT_NE(events.dump().find("\"rule\":\"task_failures\""), std::string::npos) << events.dump();
  const auto [list_status, list] = call("GET", "/api/analyze");
  EXPECT_EQ(list["jobs"].size(), 1u);
  EXPECT_FALSE(list["jobs"][0].contains("scenes")) << "the list is light; the job has the scenes";

  server_->stop();  // ends the event stream
  listener.join();
  const auto streamed = testing::read_text(listening);
  EXPECT_NE(streamed.find("event: analysis"), std::string::npos) << streamed.substr(0, 2000);
  EXPECT_NE(streamed.find("\"state\":\"done\""), std::string::npos);
  EXPECT_NE(streamed.find("event: transition"), std::string::npos);
  EXPECT_EQ(streamed.find("sk-test-service-key"), std::string::npos);
}

TEST_F(AnalysisApi, BadRequestsAreRefusedWithTheReason) {
  ReplayServer ollama(testing::ollama_recorded_routes());
  ReplayServer cloud({});
  serve(ollama, cloud);
  const auto refused = [&](const std::string& body, const std::string& detail) {
    const auto [status, reply] = call("POST", "/api/analyze", body);
    EXPECT_EQ(status, 400) << body;
    EXPECT_NE(reply.value("detail", std::string()).find(detail), std::string::npos) << reply.dump();
  };
  refused("not json", "must be a JSON object");
  refused(R"({"scenes": []})", "video is required");
  refused(R"({"video": "clip.mp4"})", "must be an absolute path");
  refused(R"({"video": "/nonexistent/clip.mp4"})", "/nonexistent/clip.mp4: no such file");
  refused(json{{"video", videos_->path().string()}}.dump(), "is a directory");
  refused(json{{"video", video()}, {"scenes", "0-3"}}.dump(), "scenes must be a list");
  refused(json{{"video", video()}, {"backend", "gpu"}}.dump(), "backend must be ollama-gpu");
  refused(json{{"video", video()}, {"scenes", json::array()}, {"detect_scenes", true}}.dump(), "not several");
  EXPECT_EQ(call("GET", "/api/analyze/0123456789abcdef").first, 404);
  EXPECT_EQ(call("POST", "/api/analyze/0123456789abcdef/cancel").first, 404);
  EXPECT_EQ(call("GET", "/api/analyze/0123456789abcdef/cancel").first, 405);
  EXPECT_EQ(call("DELETE", "/api/analyze").first, 405);
  const auto [openapi_status, openapi] = call("GET", "/openapi.json");
  EXPECT_TRUE(openapi["paths"].contains("/api/analyze/{id}")) << "described where clients look";
}

// A service reachable beyond loopback reads only under its --media-dir roots, judged on the real path.
TEST_F(AnalysisApi, OutsideTheMediaRootsNothingIsReadEvenThroughASymlink) {
  ReplayServer ollama(testing::ollama_recorded_routes());
  ReplayServer cloud({});
  testing::TempDir media;
  testing::TempDir elsewhere;
  std::filesystem::copy_file(video(), media.path() / "inside.mp4");
  std::filesystem::copy_file(video(), elsewhere.path() / "private.mp4");
  std::filesystem::create_symlink(elsewhere.path() / "private.mp4", media.path() / "link-out.mp4");
  std::filesystem::create_symlink(elsewhere.path(), media.path() / "dir-out");
  serve(ollama, cloud, true, analysis_jobs::MediaRoots::only({media.path()}));

  const auto forbidden = [&](const std::string& path) {
    const auto [status, reply] = call("POST", "/api/analyze", json{{"video", path}}.dump());
    EXPECT_EQ(status, 403) << path << " " << reply.dump();
    EXPECT_NE(reply.value("detail", std::string()).find("outside the media directories"), std::string::npos)
        << reply.dump();
    EXPECT_EQ(reply.dump().find("Invalid data"), std::string::npos) << "nothing outside is opened";
  };
  forbidden("/etc/shadow");
  forbidden("/etc/passwd");
  forbidden((media.path() / "link-out.mp4").string());
  forbidden((media.path() / "dir-out" / "private.mp4").string());
  forbidden((media.path() / ".." / elsewhere.path().filename() / "private.mp4").string());
  forbidden(media.path().string() + "-sibling/clip.mp4");
  EXPECT_EQ(call("GET", "/api/analyze").second["jobs"].size(), 0u);

  const auto [status, accepted] =
      call("POST", "/api/analyze", json{{"video", (media.path() / "inside.mp4").string()}}.dump());
  EXPECT_EQ(status, 202) << accepted.dump();
  const auto job = wait_until_ended(accepted["id"]);
  EXPECT_EQ(job["state"], "done") << job.dump();
  const auto [openapi_status, openapi] = call("GET", "/openapi.json");
  EXPECT_TRUE(openapi["paths"]["/api/analyze"]["post"]["responses"].contains("403"));
}

// Asked for Ollama while the AI servers are still being asked: not "nothing to run it on", but "try again".
TEST_F(AnalysisApi, ABackendNotYetKnownIsAskedForAgainNotRefused) {
  ReplayServer ollama(testing::ollama_recorded_routes());
  ReplayServer cloud({});
  serve(ollama, cloud, true, analysis_jobs::MediaRoots::anywhere(), true);
  const auto result = run_shell("curl -sS -D - -X POST -H 'Content-Type: application/json' --data " +
                                shell_quote(json{{"video", video()}, {"backend", "ollama-cpu"}}.dump()) + " " +
                                shell_quote(url("/api/analyze")));
  EXPECT_NE(result.out.find("HTTP/1.1 503"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("Retry-After: 2"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("still being asked"), std::string::npos) << result.out;
  EXPECT_EQ(result.out.find("nothing to run vision on"), std::string::npos) << result.out;
}

TEST(MediaRoots, NoRootsBeyondLoopbackAdmitsNothingAndSaysWhy) {
  const auto roots = analysis_jobs::MediaRoots::only({});
  const auto admitted = roots.admit("/srv/video.mp4");
  EXPECT_TRUE(admitted.video.empty());
  EXPECT_NE(admitted.refusal.find("was given no --media-dir"), std::string::npos) << admitted.refusal;
  EXPECT_EQ(analysis_jobs::MediaRoots::anywhere().admit("/srv/video.mp4").video, "/srv/video.mp4");
}

TEST_F(AnalysisApi, ACancelledJobKeepsTheScenesDone) {
  auto ollama_routes = testing::ollama_recorded_routes();
  Reply slow{200, recorded("ollama-chat-llava.json")};
  slow.delay = 300ms;
  ollama_routes["POST /api/chat"] = slow;
  ReplayServer ollama(ollama_routes);
  ReplayServer cloud({});
  serve(ollama, cloud);
  const auto [status, started] =
      call("POST", "/api/analyze", json{{"video", video()}, {"scenes", eight_scenes()}}.dump());
  ASSERT_EQ(status, 202);
  const auto id = started["id"].get<std::string>();
  for (int i = 0; i < 500 && ollama.requests().size() < 2; ++i) std::this_thread::sleep_for(10ms);
  EXPECT_EQ(call("POST", "/api/analyze/" + id + "/cancel").first, 202);
  const auto job = wait_until_ended(id);
  EXPECT_EQ(job["state"], "cancelled") << job.dump();
  EXPECT_GE(job["scenes"].size(), 1u);
  EXPECT_LT(job["scenes"].size(), 8u);
}

// Each scene's picture at its own address, read back by ffmpeg: the last scene of the clip is solid red, the others
// are not. Nothing but a job id and a scene number reaches the disk.
TEST_F(AnalysisApi, EachSceneHasItsPictureAtItsOwnAddress) {
  ReplayServer ollama(testing::ollama_recorded_routes());
  ReplayServer cloud({});
  testing::TempDir state;
  results_dir_ = state.path() / "analysis";
  serve(ollama, cloud);
  json quarters = json::array();
  for (int i = 0; i < 4; ++i) quarters.push_back({{"start", i * 3}, {"end", (i + 1) * 3}});
  const auto [status, started] =
      call("POST", "/api/analyze", json{{"video", video()}, {"scenes", quarters}, {"backend", "builtin"}}.dump());
  ASSERT_EQ(status, 202) << started.dump();
  const auto id = started["id"].get<std::string>();
  const auto job = wait_until_ended(id);
  ASSERT_EQ(job["state"], "done") << job.dump();
  ASSERT_EQ(job["scenes"].size(), 4u);
  // The mean colour of each picture: ffmpeg scales it to one pixel.
  const auto mean_rgb = [&](int scene) -> std::vector<int> {
    const auto picture = (state.path() / ("scene" + std::to_string(scene) + ".jpg")).string();
    const auto fetched =
        run_shell("curl -sS -o " + shell_quote(picture) + " -w '%{http_code} %{content_type}' " +
                  shell_quote(url("/api/analyze/" + id + "/scenes/" + std::to_string(scene) + "/keyframe.jpg")));
    EXPECT_EQ(fetched.out, "200 image/jpeg") << scene;
    const auto pixel = run_shell("ffmpeg -v error -i " + shell_quote(picture) +
                                 " -vf scale=1:1:flags=area -f rawvideo -pix_fmt rgb24 - | od -An -tu1");
    std::vector<int> rgb;
    std::istringstream in(pixel.out);
    for (int value; in >> value;) rgb.push_back(value);
    return rgb;
  };
  for (int scene = 1; scene <= 4; ++scene) {
    const auto& described = job["scenes"][scene - 1];
    EXPECT_TRUE(described["keyframe_kept"].get<bool>()) << described.dump();
    EXPECT_TRUE(described["measurements"]["brightness"].is_number()) << described.dump();
    const auto rgb = mean_rgb(scene);
    ASSERT_EQ(rgb.size(), 3u) << scene;
    const bool red = rgb[0] > 200 && rgb[1] < 60 && rgb[2] < 60;
    EXPECT_EQ(red, scene == 4) << scene << ": " << rgb[0] << " " << rgb[1] << " " << rgb[2];
  }
  EXPECT_EQ(job["scenes"][3]["measurements"]["colours"][0]["hex"].get<std::string>().substr(0, 2), "#f")
      << job["scenes"][3].dump();

  const auto missing = [&](const std::string& target) {
    EXPECT_EQ(run_shell("curl -sS -o /dev/null -w '%{http_code}' " + shell_quote(url(target))).out, "404") << target;
  };
  missing("/api/analyze/" + id + "/scenes/5/keyframe.jpg");
  missing("/api/analyze/" + id + "/scenes/0/keyframe.jpg");
  missing("/api/analyze/0123456789abcdef/scenes/1/keyframe.jpg");
  missing("/api/analyze/" + id + "/scenes/..%2f..%2f" + id + "/keyframe.jpg");
  missing("/api/analyze/..%2fanalysis%2f" + id + "/scenes/1/keyframe.jpg");
  EXPECT_EQ(call("POST", "/api/analyze/" + id + "/scenes/1/keyframe.jpg").first, 405);
  const auto [openapi_status, openapi] = call("GET", "/openapi.json");
  EXPECT_TRUE(openapi["paths"].contains("/api/analyze/{id}/scenes/{n}/keyframe.jpg"));
}

TEST_F(AnalysisApi, WithoutTheWorkerTheServiceSaysWhy) {
  ReplayServer ollama(testing::ollama_recorded_routes());
  ReplayServer cloud({});
  serve(ollama, cloud, false);
  const auto [status, reply] = call("POST", "/api/analyze", json{{"video", video()}}.dump());
  EXPECT_EQ(status, 503);
  EXPECT_EQ(reply["detail"], "the analysis worker is not installed");
}

}  // namespace
}  // namespace autocut::api
