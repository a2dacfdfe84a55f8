// analyze_scenes_auto, the C++ entry for programs that take FFmpeg into their own process: the policy picks the
// backend, the caller's monitor judges every attempt, and the scenes not yet started follow its level. Ollama and the
// cloud are loopback servers replaying their documented answers (tests/recorded/README.md); the machine is a captured
// CPU-only VM with them added to its facts.
#include "analyze/analyze_scenes_auto.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "detect/detect_all.hpp"
#include "profile/build_profile.hpp"
#include "support/fixed_sample_source.hpp"
#include "support/recorded.hpp"
#include "support/replay_server.hpp"
#include "support/test_videos.hpp"

namespace autocut::analyze {
namespace {

using testing::recorded;
using testing::Reply;
using testing::ReplayServer;

class AnalyzeScenesAuto : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    videos_ = new testing::TempDir();
    ASSERT_EQ(testing::run_shell(testing::cuts_video_command(video())).exit_code, 0);
  }
  static void TearDownTestSuite() { delete videos_; }
  static std::filesystem::path video() { return videos_->path() / "clip.mp4"; }

  core::RuntimeProfile machine(const ReplayServer& ollama, const ReplayServer& cloud) {
    auto facts = detect::detect_all(sys::HostRoot(std::filesystem::path(AUTOCUT_FIXTURE_HOSTS) / "debian12-vm"));
    core::AiModel moondream{"moondream:latest", 1738417570ull};
    moondream.capabilities = {"completion", "vision"};
    moondream.vision = true;
    facts.runtimes = {{core::RuntimeKind::ollama, ollama.url(), true, true, "0.5.7", {moondream}}};
    facts.cloud = core::CloudFacts{{true, cloud.url() + "/v1", "gpt-4o"}, {}};
    return profile::build_profile(facts, std::chrono::system_clock::now());
  }

  static SceneList eight_scenes() {
    SceneList scenes;
    for (int i = 0; i < 8; ++i) scenes.scenes.push_back({i + 1, i * 1.5, (i + 1) * 1.5});
    return scenes;
  }

  static testing::TempDir* videos_;
};

testing::TempDir* AnalyzeScenesAuto::videos_ = nullptr;

TEST_F(AnalyzeScenesAuto, WithThePolicyAFailingLocalModelTripsTheMonitorAndTheRestGoToTheCloud) {
  auto routes = testing::ollama_recorded_routes();
  const Reply answer{200, recorded("ollama-chat-llava.json")};
  routes["POST /api/chat"] = {200, answer.body, {}, false, 0, {}, {answer, answer, Reply{500, R"({"error":"boom"})"}}};
  ReplayServer ollama(routes);
  ReplayServer cloud({{"POST /v1/chat/completions", {200, recorded("openai-chat-completion.json")}}});
  ::setenv("OPENAI_API_KEY", "sk-test-auto", 1);
  const auto profile = machine(ollama, cloud);
  monitor::MonitorSettings settings;
  settings.engine.failures.min_tasks = 4;
  monitor::Monitor monitor(std::make_unique<testing::FixedSampleSource>(monitor::Sample{}), profile.profile_class,
                           settings);
  AutoOptions options;
  options.profile = &profile;
  options.monitor = &monitor;
  options.retry.first_wait_s = 0;
  const auto result = analyze_scenes_auto(eight_scenes(), video(), options);
  ::unsetenv("OPENAI_API_KEY");
  ASSERT_TRUE(result.summary.error.empty()) << result.summary.error;
  ASSERT_EQ(result.scenes.size(), 8u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(result.scenes[i].backend, "ollama-cpu") << i;
  for (int i = 3; i < 8; ++i) EXPECT_EQ(result.scenes[i].backend, "cloud") << i;
  EXPECT_EQ(monitor.status().level, core::Level::hybrid);
  ASSERT_FALSE(monitor.events().empty());
  EXPECT_EQ(monitor.events().back().rule, "task_failures");
}

TEST_F(AnalyzeScenesAuto, WithoutThePolicyTheGivenChainIsUsedAndAMissingProfileIsAnError) {
  AutoOptions options;
  options.use_policy = false;  // the chain as given: empty, so the builtin analyzer alone
  const auto result = analyze_scenes_auto(eight_scenes(), video(), options);
  ASSERT_EQ(result.scenes.size(), 8u);
  EXPECT_EQ(result.scenes[0].backend, "builtin");
  EXPECT_EQ(result.scenes[0].scene.index, 1);
  AutoOptions without_profile;
  EXPECT_EQ(analyze_scenes_auto(eight_scenes(), video(), without_profile).summary.error,
            "use_policy needs the machine's profile");
}

}  // namespace
}  // namespace autocut::analyze
