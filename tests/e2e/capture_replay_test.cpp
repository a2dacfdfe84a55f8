// A machine captured whole and replayed: `autocut capture DIR` records what its AI servers and ffmpeg answered,
// `--root DIR` replays those answers through the same parsers, so a bug report reproduces the profile and the
// policy. The AI server here is a loopback replay of Ollama's documented answers (tests/recorded/README.md); ffmpeg
// is Debian's, run for real.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "e2e/autocut_binary.hpp"
#include "support/recorded.hpp"
#include "support/replay_server.hpp"

namespace autocut::testing {
namespace {

using nlohmann::json;

const std::string kClosed = "http://127.0.0.1:9";

// Other runtimes at a closed port, no keys but a marker secret, this machine's ffmpeg on PATH, no trial cache.
std::string environment(const TempDir& home, const std::string& ollama) {
  return "env -u DEEPSEEK_API_KEY OPENAI_API_KEY=sk-capture-SECRET-9876 HOME=" + shell_quote(home.path().string()) +
         " XDG_CACHE_HOME=" + shell_quote((home.path() / "cache").string()) +
         " PATH=/usr/bin:/bin LLAMA_CPP_HOST=" + kClosed + " LM_STUDIO_HOST=" + kClosed + " VLLM_HOST=" + kClosed +
         " OLLAMA_HOST=" + ollama + " ";
}

std::string grep_tree(const std::filesystem::path& directory, const std::string& needle) {
  return run_shell("grep -rl " + shell_quote(needle) + " " + shell_quote(directory.string()) + " || true").out;
}

TEST(CaptureReplay, TheCapturedAnswersGiveTheLiveProfileAndPolicy) {
  TempDir home;
  TempDir capture;
  std::filesystem::copy(fixture_host("debian12-vm"), capture.path(), std::filesystem::copy_options::recursive);
  json live_profile, live_policy;
  {
    ReplayServer ollama(ollama_recorded_routes());
    const auto env = environment(home, ollama.url());
    const auto recorded = run_shell(env + autocut("capture " + shell_quote(capture.path().string())));
    ASSERT_EQ(recorded.exit_code, 0) << recorded.err;
    EXPECT_NE(recorded.out.find("recorded ai-runtimes: ollama 0.5.7 (4 models, 2 with vision)"), std::string::npos)
        << recorded.out;
    EXPECT_NE(recorded.out.find("recorded ffmpeg: ffmpeg"), std::string::npos) << recorded.out;
    live_profile = json::parse(run_shell(env + autocut("profile --json --no-save")).out);
    live_policy = json::parse(run_shell(env + autocut("policy --json")).out);
  }
  EXPECT_TRUE(std::filesystem::exists(capture.path() / "autocut-answers/runtimes/ollama/api_show/llava%3A7b.json"));
  EXPECT_EQ(grep_tree(capture.path(), "SECRET"), "") << "a key is never recorded";

  // The server is gone; only the capture answers now.
  const auto env = environment(home, kClosed);
  const auto root = " --root " + shell_quote(capture.path().string());
  const auto replayed = run_shell(env + autocut("profile --json" + root));
  ASSERT_EQ(replayed.exit_code, 0) << replayed.err;
  const auto profile = json::parse(replayed.out);
  EXPECT_EQ(profile["not_asked"], json::array());
  EXPECT_EQ(profile["probes"]["ai-runtimes"]["detail"], live_profile["probes"]["ai-runtimes"]["detail"]);
  EXPECT_EQ(profile["runtimes"], live_profile["runtimes"]);
  auto live_editors = live_profile["editors"]["ffmpeg"];
  auto editors = profile["editors"]["ffmpeg"];
  live_editors.erase("trials_cached");
  editors.erase("trials_cached");
  EXPECT_EQ(editors, live_editors);

  const auto policy = json::parse(run_shell(env + autocut("policy --json" + root)).out);
  for (const char* task : {"vision", "planning", "editing"}) {
    EXPECT_EQ(policy[task]["backend"], live_policy[task]["backend"]) << task;
    EXPECT_EQ(policy[task]["model"], live_policy[task]["model"]) << task;
  }
  EXPECT_EQ(policy["editing"]["backend"], "ffmpeg-libx264");
  EXPECT_EQ(policy["vision"]["backend"], "ollama-cpu");
}

// scripts/capture-host on this very machine: what the replay says is what the machine says.
TEST(CaptureReplay, ThisMachineCapturedByTheScriptIsProfiledAsItIsLive) {
  TempDir home;
  TempDir capture;
  ReplayServer ollama(ollama_recorded_routes());
  const auto env = environment(home, ollama.url());
  const auto captured = run_shell(env + "AUTOCUT=" + shell_quote(AUTOCUT_BINARY) + " " +
                                  shell_quote(AUTOCUT_CAPTURE_HOST) + " " + shell_quote(capture.path().string()));
  ASSERT_EQ(captured.exit_code, 0) << captured.err;
  EXPECT_NE(captured.err.find("recorded ai-runtimes: ollama 0.5.7"), std::string::npos) << captured.err;
  const auto live = json::parse(run_shell(env + autocut("profile --json --no-save")).out);
  const auto replayed =
      json::parse(run_shell(env + autocut("profile --json --root " + shell_quote(capture.path().string()))).out);
  for (const char* field : {"cores", "threads", "sockets", "model", "isa"})
    EXPECT_EQ(replayed["cpu"][field], live["cpu"][field]) << field;
  EXPECT_EQ(replayed["memory"]["total_gb"], live["memory"]["total_gb"]);
  EXPECT_EQ(replayed["runtimes"], live["runtimes"]);
  EXPECT_EQ(replayed["editors"]["ffmpeg"]["trials"], live["editors"]["ffmpeg"]["trials"]);
  EXPECT_EQ(replayed["profile_class"], live["profile_class"]);
  for (const auto& [name, probe] : live["probes"].items())
    if (name != "nvml" && name != "gpu-names") EXPECT_EQ(replayed["probes"][name]["status"], probe["status"]) << name;
}

TEST(CaptureReplay, WithoutRecordedAnswersTheServersAreNotAskedUnlessAFlagNamesOne) {
  TempDir home;
  ReplayServer ollama(ollama_recorded_routes());
  // OLLAMA_HOST from the environment describes this machine, not the captured one: not asked.
  const auto env = environment(home, ollama.url());
  const auto root = " --root " + shell_quote(fixture_host("debian12-vm").string());
  const auto quiet = json::parse(run_shell(env + autocut("policy --json" + root)).out);
  EXPECT_EQ(quiet["vision"]["reasons"].back()["code"], "runtimes_not_asked");
  EXPECT_EQ(quiet["editing"]["reasons"][0]["code"], "editors_not_asked");
  EXPECT_TRUE(ollama.requests().empty());

  // A flag given on the command line is honoured.
  const auto asked = run_shell(env + autocut("profile --json --no-save --ollama-host " + ollama.url() + root));
  const auto profile = json::parse(asked.out);
  ASSERT_EQ(profile["runtimes"].size(), 1u);
  EXPECT_EQ(profile["runtimes"][0]["version"], "0.5.7");
  EXPECT_EQ(profile["not_asked"], json::array({"ffmpeg"}));
  EXPECT_FALSE(ollama.requests().empty());
}

}  // namespace
}  // namespace autocut::testing
