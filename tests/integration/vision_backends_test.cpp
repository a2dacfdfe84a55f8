// The vision backends' real HTTP code (libcurl) against a loopback server replaying documented answers
// (tests/recorded/README.md): Ollama's /api/chat and OpenAI's chat completions, their errors, retries that honour
// Retry-After, and the fallback chain of a whole job ending at the builtin analyzer. No model runs here.
#include "analyze/vision_backends.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>
#include <utility>

#include "analyze/analyze_job.hpp"
#include "analyze/jpeg.hpp"
#include "support/recorded.hpp"
#include "support/run_process.hpp"

namespace autocut::analyze {
namespace {

using namespace std::chrono_literals;
using testing::recorded;
using testing::ReplayServer;
using testing::Reply;

Image grey() {
  Image image{32, 24, std::vector<std::uint8_t>(32 * 24 * 3, 128), 0};
  return image;
}

BackendConfig ollama_at(const ReplayServer& server) {
  return {"ollama", "ollama-gpu", server.url(), "llava:7b", std::nullopt, 2000ms};
}

BackendConfig cloud_at(const ReplayServer& server) {
  return {"openai", "cloud", server.url() + "/v1", "gpt-4o", std::string("sk-test-SECRET-0123456789"), 2000ms};
}

TEST(Jpeg, AKeyframeBecomesBase64Jpeg) {
  const auto text = jpeg_base64(grey());
  EXPECT_TRUE(text.starts_with("/9j/")) << "base64 of the JPEG start-of-image marker";
  EXPECT_GT(text.size(), 100u);
}

TEST(VisionBackends, OllamaChatCarriesTheImagesAndGivesTheDescription) {
  ReplayServer server({{"POST /api/chat", {200, recorded("ollama-chat-llava.json")}}});
  const auto attempt = ask_vision(ollama_at(server), {jpeg_base64(grey())}, "Describe.");
  ASSERT_TRUE(attempt.ok) << attempt.error;
  EXPECT_NE(attempt.text.find("colour bars"), std::string::npos);
  const auto request = server.requests().at(0);
  const auto body = nlohmann::json::parse(request.substr(request.find('{')));
  EXPECT_EQ(body["model"], "llava:7b");
  EXPECT_EQ(body["stream"], false);
  EXPECT_TRUE(body["messages"][0]["images"][0].get<std::string>().starts_with("/9j/"));
  EXPECT_FALSE(body.contains("options")) << "no context fitted: Ollama's own";
}

TEST(VisionBackends, OllamaIsToldTheContextThePolicyFitted) {
  ReplayServer server({{"POST /api/chat", {200, recorded("ollama-chat-llava.json")}}});
  auto backend = ollama_at(server);
  backend.context = 6144;
  ASSERT_TRUE(ask_vision(backend, {jpeg_base64(grey())}, "Describe.").ok);
  const auto request = server.requests().at(0);
  const auto body = nlohmann::json::parse(request.substr(request.find('{')));
  EXPECT_EQ(body["options"]["num_ctx"], 6144);
}

TEST(VisionBackends, OpenAiCompatibleChatSendsDataUrls) {
  ReplayServer server({{"POST /v1/chat/completions", {200, recorded("openai-chat-completion.json")}}});
  const auto attempt = ask_vision(cloud_at(server), {jpeg_base64(grey()), jpeg_base64(grey())}, "Describe.");
  ASSERT_TRUE(attempt.ok) << attempt.error;
  EXPECT_NE(attempt.text.find("locked-off"), std::string::npos);
  const auto request = server.requests().at(0);
  const auto body = nlohmann::json::parse(request.substr(request.find('{')));
  EXPECT_EQ(body["messages"][0]["content"].size(), 3u) << "the prompt and two images";
  EXPECT_TRUE(body["messages"][0]["content"][1]["image_url"]["url"].get<std::string>().starts_with(
      "data:image/jpeg;base64,/9j/"));
  EXPECT_EQ(request.find("SECRET"), std::string::npos) << "the key travels in a header, not the body";
}

TEST(VisionBackends, ARateLimitIsRetriedAfterItsRetryAfter) {
  Reply limited{429, recorded("openai-error-rate-limit.json")};
  limited.headers = {{"Retry-After", "1"}};
  limited.then = {Reply{200, recorded("openai-chat-completion.json")}};
  ReplayServer server({{"POST /v1/chat/completions", limited}});
  std::vector<double> waits;
  std::vector<Attempt> attempts;
  const auto answer = ask_with_retries(
      cloud_at(server), {jpeg_base64(grey())}, "Describe.", {},
      [&](const Attempt& attempt) { attempts.push_back(attempt); }, [&](double s) { waits.push_back(s); });
  EXPECT_TRUE(answer.ok) << answer.error;
  ASSERT_EQ(attempts.size(), 2u);
  EXPECT_NE(attempts[0].error.find("HTTP 429"), std::string::npos);
  EXPECT_EQ(waits, std::vector<double>{1.0});
}

TEST(VisionBackends, NoQuotaIsNotRetriedAndStrikesTheBackendOff) {
  ReplayServer server({{"POST /v1/chat/completions", {429, recorded("openai-error-insufficient-quota.json")}}});
  int attempts = 0;
  const auto answer = ask_with_retries(
      cloud_at(server), {jpeg_base64(grey())}, "Describe.", {}, [&](const Attempt&) { ++attempts; }, [](double) {});
  EXPECT_FALSE(answer.ok);
  EXPECT_FALSE(answer.retryable);
  EXPECT_TRUE(answer.backend_unusable);
  EXPECT_EQ(attempts, 1);
  EXPECT_EQ(answer.error.find("SECRET"), std::string::npos);
}

TEST(VisionBackends, ASilentServerCostsTheTimeoutAndBacksOffBetweenTries) {
  Reply silent;
  silent.never_answer = true;
  ReplayServer server({{"POST /api/chat", silent}});
  auto backend = ollama_at(server);
  backend.timeout = 200ms;
  std::vector<double> waits;
  int attempts = 0;
  const auto answer = ask_with_retries(
      backend, {jpeg_base64(grey())}, "Describe.", {}, [&](const Attempt&) { ++attempts; },
      [&](double s) { waits.push_back(s); });
  EXPECT_FALSE(answer.ok);
  EXPECT_EQ(attempts, 3);
  EXPECT_EQ(waits, (std::vector<double>{0.5, 1.0}));
  EXPECT_NE(answer.error.find("imeout"), std::string::npos) << answer.error;
}

// Ollama's error body (docs.ollama.com/api/errors): {"error": "..."} with the status.
TEST(VisionBackends, AServerErrorIsRetriedThenGivenUpWithItsMessage) {
  ReplayServer server({{"POST /api/chat", {500, R"({"error":"the model failed to generate a response"})"}}});
  int attempts = 0;
  const auto answer = ask_with_retries(
      ollama_at(server), {jpeg_base64(grey())}, "Describe.", {}, [&](const Attempt&) { ++attempts; }, [](double) {});
  EXPECT_FALSE(answer.ok);
  EXPECT_EQ(attempts, 3);
  EXPECT_EQ(answer.error, "HTTP 500: the model failed to generate a response");
  EXPECT_FALSE(answer.backend_unusable) << "a server error says nothing lasting about the backend";
}

TEST(VisionBackends, AnAnswerThatIsNotJsonIsRetried) {
  Reply proxy_page{200, "<html><body>502 Bad Gateway</body></html>"};
  proxy_page.then = {Reply{200, recorded("openai-chat-completion.json")}};
  ReplayServer server({{"POST /v1/chat/completions", proxy_page}});
  std::vector<Attempt> attempts;
  const auto answer = ask_with_retries(
      cloud_at(server), {jpeg_base64(grey())}, "Describe.", {}, [&](const Attempt& a) { attempts.push_back(a); },
      [](double) {});
  EXPECT_TRUE(answer.ok) << answer.error;
  ASSERT_EQ(attempts.size(), 2u);
  EXPECT_EQ(attempts[0].error, "the answer is not JSON");
}

// A streamed answer (NDJSON) is read whole; an error line after the first pieces fails the attempt, although the
// status is 200 (docs.ollama.com/api/errors, "Errors that occur while streaming").
TEST(VisionBackends, AnErrorLineInsideAStreamFailsTheAttemptAndAWholeStreamIsJoined) {
  const std::string broken = R"({"model":"llava:7b","message":{"role":"assistant","content":"A test"},"done":false})"
                             "\n"
                             R"({"error":"an error was encountered while running the model"})"
                             "\n";
  const std::string whole = R"({"model":"llava:7b","message":{"role":"assistant","content":"A test "},"done":false})"
                            "\n"
                            R"({"model":"llava:7b","message":{"role":"assistant","content":"card."},"done":true})"
                            "\n";
  Reply first{200, broken};
  first.then = {Reply{200, whole}};
  ReplayServer server({{"POST /api/chat", first}});
  std::vector<Attempt> attempts;
  const auto answer = ask_with_retries(
      ollama_at(server), {jpeg_base64(grey())}, "Describe.", {}, [&](const Attempt& a) { attempts.push_back(a); },
      [](double) {});
  ASSERT_EQ(attempts.size(), 2u);
  EXPECT_FALSE(attempts[0].ok);
  EXPECT_EQ(attempts[0].error, "HTTP 200: an error was encountered while running the model");
  EXPECT_TRUE(answer.ok);
  EXPECT_EQ(answer.text, "A test card.");
}

class JobChain : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(testing::run_shell("ffmpeg -hide_banner -nostdin -loglevel error -y -f lavfi "
                                 "-i smptebars=size=160x120:rate=25:d=4 -c:v libx264 -pix_fmt yuv420p " +
                                 testing::shell_quote(video().string()))
                  .exit_code,
              0);
  }
  std::filesystem::path video() const { return work_.path() / "bars.mp4"; }
  static SceneList two_scenes() { return parse_scenes_json(R"([{"start":0,"end":2},{"start":2,"end":4}])"); }
  static SceneList four_scenes() {
    return parse_scenes_json(R"([{"start":0,"end":1},{"start":1,"end":2},{"start":2,"end":3},{"start":3,"end":4}])");
  }

  testing::TempDir work_;
};

TEST_F(JobChain, AMissingLocalModelFallsToTheCloudAndIsNotAskedAgain) {
  ReplayServer local({{"POST /api/chat", {404, recorded("ollama-error-model-not-found.json")}}});
  ReplayServer cloud({{"POST /v1/chat/completions", {200, recorded("openai-chat-completion.json")}}});
  JobOptions options;
  options.chain.backends = {ollama_at(local), cloud_at(cloud)};
  std::vector<AttemptReport> attempts;
  options.on_attempt = [&](const AttemptReport& report) { attempts.push_back(report); };
  std::vector<SceneResult> scenes;
  const auto summary = run_job(video(), two_scenes(), options, [&](const SceneResult& r) { scenes.push_back(r); });
  ASSERT_TRUE(summary.error.empty()) << summary.error;
  ASSERT_EQ(scenes.size(), 2u);
  for (const auto& scene : scenes) {
    EXPECT_EQ(scene.backend, "cloud");
    EXPECT_EQ(scene.model, "gpt-4o");
    EXPECT_NE(scene.description.find("colour bars"), std::string::npos);
    EXPECT_NE(std::find(scene.tags.begin(), scene.tags.end(), "colour bars"), scene.tags.end())
        << "the builtin measurements still tag it";
  }
  EXPECT_EQ(local.requests().size(), 1u) << "struck off after \"model not found\"";
  ASSERT_EQ(attempts.size(), 3u);
  EXPECT_EQ(attempts[0].backend, "ollama-gpu");
  EXPECT_FALSE(attempts[0].attempt.ok);
  EXPECT_TRUE(attempts[1].attempt.ok);
}

TEST_F(JobChain, WhenEveryModelFailsTheBuiltinAnalyzerStillDescribesEachScene) {
  JobOptions options;
  options.chain.backends = {{"ollama", "ollama-gpu", "http://127.0.0.1:9", "llava:7b", std::nullopt, 500ms}};
  options.sleep = [](double) {};
  int failed_attempts = 0;
  options.on_attempt = [&](const AttemptReport& report) { failed_attempts += report.attempt.ok ? 0 : 1; };
  std::vector<SceneResult> scenes;
  run_job(video(), two_scenes(), options, [&](const SceneResult& r) { scenes.push_back(r); });
  ASSERT_EQ(scenes.size(), 2u);
  EXPECT_EQ(scenes[0].backend, "builtin");
  EXPECT_TRUE(scenes[0].ok);
  EXPECT_NE(scenes[0].description.find("without a model"), std::string::npos);
  EXPECT_EQ(scenes[0].attempts, 4) << "three tries of the refused server, then the builtin analyzer";
  EXPECT_EQ(failed_attempts, 6);
}

TEST_F(JobChain, AChainThatArrivesBetweenScenesIsFollowedByTheScenesNotYetStarted) {
  ReplayServer local({{"POST /api/chat", {200, recorded("ollama-chat-llava.json")}}});
  ReplayServer cloud({{"POST /v1/chat/completions", {200, recorded("openai-chat-completion.json")}}});
  JobOptions options;
  options.chain.backends = {ollama_at(local)};
  std::optional<Chain> waiting;
  options.take_update = [&] { return std::exchange(waiting, std::nullopt); };
  std::vector<SceneResult> scenes;
  run_job(video(), four_scenes(), options, [&](const SceneResult& r) {
    scenes.push_back(r);
    if (scenes.size() == 2) waiting = Chain{{cloud_at(cloud)}, 1, 256, 1};  // the policy moved vision
  });
  ASSERT_EQ(scenes.size(), 4u);
  EXPECT_EQ(scenes[0].backend, "ollama-gpu");
  EXPECT_EQ(scenes[1].backend, "ollama-gpu");
  EXPECT_EQ(scenes[2].backend, "cloud");
  EXPECT_EQ(scenes[3].backend, "cloud");
  EXPECT_EQ(local.requests().size(), 2u);
}

TEST_F(JobChain, SeveralScenesWaitOnTheModelAtOnceAndEachIsReportedOnce) {
  Reply slow{200, recorded("openai-chat-completion.json")};
  slow.delay = 200ms;
  ReplayServer cloud({{"POST /v1/chat/completions", slow}});
  JobOptions options;
  options.chain = {{cloud_at(cloud)}, 1, 256, 3};
  std::vector<int> attempts_by_scene;
  options.on_attempt = [&](const AttemptReport& report) { attempts_by_scene.push_back(report.scene_index); };
  std::vector<int> indexes;
  const auto summary = run_job(video(), four_scenes(), options, [&](const SceneResult& r) {
    EXPECT_EQ(r.backend, "cloud");
    indexes.push_back(r.scene.index);
  });
  EXPECT_EQ(summary.succeeded, 4);
  std::sort(indexes.begin(), indexes.end());
  EXPECT_EQ(indexes, (std::vector<int>{1, 2, 3, 4}));
  EXPECT_EQ(attempts_by_scene.size(), 4u);
  EXPECT_EQ(cloud.requests().size(), 4u);
}

TEST_F(JobChain, ACancelStartsNoNewSceneAndEndsTheRequestInFlight) {
  Reply silent;
  silent.never_answer = true;
  ReplayServer local({{"POST /api/chat", Reply{200, recorded("ollama-chat-llava.json"), {}, false, 0, {}, {silent}}}});
  JobOptions options;
  auto backend = ollama_at(local);
  backend.timeout = 60s;
  options.chain.backends = {backend};
  std::atomic<bool> cancel{false};
  options.cancel = &cancel;
  std::vector<SceneResult> scenes;
  std::jthread pressing_ctrl_c([&] {
    while (local.requests().size() < 2) std::this_thread::sleep_for(10ms);
    cancel = true;  // the second scene's request is in flight, unanswered
  });
  const auto summary = run_job(video(), four_scenes(), options, [&](const SceneResult& r) { scenes.push_back(r); });
  EXPECT_TRUE(summary.cancelled);
  ASSERT_EQ(scenes.size(), 1u) << "the scene done is kept; the one cut short is not reported as done";
  EXPECT_EQ(scenes[0].backend, "ollama-gpu");
  EXPECT_EQ(local.requests().size(), 2u);
}

}  // namespace
}  // namespace autocut::analyze
