// `autocut analyze` as a user runs it: the real binary starting the real worker on videos made by ffmpeg, with
// Ollama and an OpenAI-compatible cloud played by loopback servers that replay their documented answers
// (tests/recorded/README.md) — no model runs here. The monitor inside `autocut analyze` is the real one.
#include <gtest/gtest.h>

#include <csignal>
#include <nlohmann/json.hpp>
#include <thread>

#include "e2e/autocut_binary.hpp"
#include "support/recorded.hpp"
#include "support/replay_server.hpp"
#include "support/temp_dir.hpp"
#include "support/test_videos.hpp"

namespace autocut::testing {
namespace {

using json = nlohmann::json;

class AnalyzeCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    work_ = new TempDir();
    const auto made =
        run_shell("cd " + shell_quote(work_->path().string()) + " && " + cuts_video_command("clip.mp4", "black") +
                  " && echo 'not a video' > notes.mp4"
                  // Its index first, then the data cut short: it opens, and breaks off.
                  " && ffmpeg -hide_banner -loglevel error -y -i clip.mp4 -c copy -movflags +faststart"
                  " whole.mp4 && head -c 60000 whole.mp4 > truncated.mp4");
    ASSERT_EQ(made.exit_code, 0) << made.err;
    json scenes = json::array();
    for (int i = 0; i < 8; ++i) scenes.push_back({{"start", i * 1.5}, {"end", (i + 1) * 1.5}});
    work_->write("eight.json", scenes.dump());
  }
  static void TearDownTestSuite() { delete work_; }

  static std::string path(const char* name) { return (work_->path() / name).string(); }

  // Runs in a directory of its own with only the servers the test names: the machine's own Ollama or keys, if
  // any, do not join in.
  static ProcessResult analyze(const std::string& environment, const std::string& arguments, const TempDir& cwd) {
    const std::string closed = "http://127.0.0.1:9";
    // `;`, not `&&`: a test that runs it in the background (`&`) gets autocut's own pid in $!.
    return run_shell("cd " + shell_quote(cwd.path().string()) + "; env -u OPENAI_API_KEY -u DEEPSEEK_API_KEY" +
                     " OLLAMA_HOST=" + closed + " LLAMA_CPP_HOST=" + closed + " LM_STUDIO_HOST=" + closed +
                     " VLLM_HOST=" + closed + " " + environment + " " + autocut("analyze " + arguments));
  }

  static int chat_requests(const ReplayServer& server) {
    int count = 0;
    for (const auto& request : server.requests()) count += request.starts_with("POST /api/chat ") ? 1 : 0;
    return count;
  }

  static TempDir* work_;
};

TempDir* AnalyzeCli::work_ = nullptr;

TEST_F(AnalyzeCli, OnAMachineWithoutModelsTheBuiltinAnalyzerFindsAndTellsTheScenesApart) {
  TempDir cwd;
  const auto result = analyze("", shell_quote(path("clip.mp4")) + " --out results.json", cwd);
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("4 scenes in "), std::string::npos) << result.out;
  EXPECT_NE(result.out.find(": 4 on builtin; 0 failed."), std::string::npos) << result.out;
  const auto document = json::parse(read_text(cwd.path() / "results.json"));
  EXPECT_EQ(document["state"], "done");
  const auto& scenes = document["scenes"];
  ASSERT_EQ(scenes.size(), 4u);
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(scenes[i]["end"].get<double>(), 3.0 * (i + 1), 0.041) << "within a frame";
  const auto tags = [&](int i) { return scenes[i]["tags"].dump(); };
  EXPECT_NE(tags(1).find("colour bars"), std::string::npos) << tags(1);
  EXPECT_NE(tags(3).find("black"), std::string::npos) << tags(3);
  EXPECT_EQ(tags(2).find("black"), std::string::npos) << tags(2);
  EXPECT_EQ(scenes[0]["backend"], "builtin");
  EXPECT_TRUE(scenes[0]["model"].is_null());
  EXPECT_EQ(document["plan_changes"][0]["backend"], "builtin");
}

// The loop this whole runtime exists for: the local model starts failing mid-run, the failure rate trips the
// monitor's rule, the policy moves vision to the cloud, and the scenes not yet started go there.
TEST_F(AnalyzeCli, WhenOllamaStartsFailingTheMonitorMovesTheRestOfTheScenesToTheCloud) {
  auto routes = ollama_recorded_routes();
  const Reply answer{200, recorded("ollama-chat-llava.json")};
  const Reply broken{500, R"({"error":"llama runner process has terminated: signal: killed"})"};
  routes["POST /api/chat"] = {200, recorded("ollama-chat-llava.json"), {}, false, 0, {}, {answer, answer, broken}};
  ReplayServer ollama(routes);
  ReplayServer cloud({{"POST /v1/chat/completions", {200, recorded("openai-chat-completion.json")}}});
  TempDir cwd;
  const auto result = analyze(
      "OLLAMA_HOST=" + ollama.url() + " OPENAI_API_KEY=sk-test-not-a-real-key OPENAI_BASE_URL=" + cloud.url() +
          "/v1 AUTOCUT_RULE_FAILURES_MIN_TASKS=4",
      shell_quote(path("clip.mp4")) + " --scenes " + shell_quote(path("eight.json")) + " --out results.json", cwd);
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  const auto document = json::parse(read_text(cwd.path() / "results.json"));
  const auto& scenes = document["scenes"];
  ASSERT_EQ(scenes.size(), 8u);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(scenes[i]["backend"].get<std::string>().starts_with("ollama-")) << i;
  for (int i = 3; i < 8; ++i) EXPECT_EQ(scenes[i]["backend"], "cloud") << i;
  EXPECT_EQ(scenes[3]["attempts"], 4) << "three failed tries on Ollama, then the cloud";
  // After the rule tripped during scene 4, Ollama was not asked again: 3 answers and 3 failed tries.
  EXPECT_EQ(chat_requests(ollama), 6);
  const auto& changes = document["plan_changes"];
  ASSERT_EQ(changes.size(), 2u) << changes.dump();
  EXPECT_EQ(changes[1]["level"], "HYBRID");
  EXPECT_EQ(changes[1]["backend"], "cloud");
  EXPECT_EQ(changes[1]["scenes_done"], 3);
  bool transition = false;
  for (const auto& event : document["events"])
    transition |= event["rule"] == "task_failures" && event["to"] == "HYBRID";
  EXPECT_TRUE(transition) << document["events"].dump();
  EXPECT_NE(result.err.find("→ HYBRID (task_failures)"), std::string::npos) << result.err;
  EXPECT_NE(result.out.find("After 3 scenes the policy moved vision to cloud (level HYBRID)."), std::string::npos)
      << result.out;
  for (const auto& text : {result.out, result.err, read_text(cwd.path() / "results.json")})
    EXPECT_EQ(text.find("sk-test-not-a-real-key"), std::string::npos) << "the key never appears";
}

TEST_F(AnalyzeCli, AKeyKeptInDotEnvReachesTheCloudAndNothingElse) {
  ReplayServer cloud({{"POST /v1/chat/completions", {200, recorded("openai-chat-completion.json")}}});
  TempDir cwd;
  cwd.write(".env", "OPENAI_API_KEY=sk-from-dotenv-0123456789\nOPENAI_BASE_URL=" + cloud.url() + "/v1\n");
  const auto result = analyze("", shell_quote(path("clip.mp4")) + " --backend cloud --json", cwd);
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  const auto document = json::parse(result.out);
  EXPECT_EQ(document["summary"]["by_backend"]["cloud"], 4);
  ASSERT_FALSE(cloud.authorizations().empty());
  for (const auto& authorization : cloud.authorizations()) EXPECT_EQ(authorization, "Bearer sk-from-dotenv-0123456789");
  EXPECT_EQ((result.out + result.err).find("sk-from-dotenv"), std::string::npos);
}

TEST_F(AnalyzeCli, AnExplicitBackendIsKeptWhateverThePolicySays) {
  ReplayServer ollama(ollama_recorded_routes());
  TempDir cwd;
  const auto result =
      analyze("OLLAMA_HOST=" + ollama.url(), shell_quote(path("clip.mp4")) + " --backend builtin --json", cwd);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(json::parse(result.out)["summary"]["by_backend"]["builtin"], 4);
  EXPECT_EQ(chat_requests(ollama), 0);
  const auto cloudless = analyze("", shell_quote(path("clip.mp4")) + " --backend cloud", cwd);
  EXPECT_EQ(cloudless.exit_code, 2);
  EXPECT_NE(cloudless.err.find("--backend cloud: this machine has nothing to run vision there"), std::string::npos)
      << cloudless.err;
}

// Ctrl-C while a slow model works: the scenes already done are kept, the results say so, the exit status is 130.
TEST_F(AnalyzeCli, CtrlCKeepsTheScenesAlreadyDone) {
  auto routes = ollama_recorded_routes();
  Reply slow{200, recorded("ollama-chat-llava.json")};
  slow.delay = std::chrono::milliseconds(400);
  routes["POST /api/chat"] = slow;
  ReplayServer ollama(routes);
  TempDir cwd;
  ProcessResult result;
  std::thread user([&] {
    result = analyze("OLLAMA_HOST=" + ollama.url(),
                     shell_quote(path("clip.mp4")) + " --scenes " + shell_quote(path("eight.json")) +
                         " --out results.json & echo $! > pid; wait $!; echo \"exit=$?\"",
                     cwd);
  });
  // Ctrl-C once the second scene is with the model: the first is done by then.
  for (int waited = 0; chat_requests(ollama) < 2 && waited < 3000; ++waited)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ::kill(std::stoi(read_text(cwd.path() / "pid")), SIGINT);
  user.join();
  EXPECT_NE(result.out.find("exit=130"), std::string::npos) << result.out << result.err;
  EXPECT_NE(result.out.find("Cancelled: the scenes already done are kept."), std::string::npos) << result.out;
  const auto document = json::parse(read_text(cwd.path() / "results.json"));
  EXPECT_EQ(document["state"], "cancelled");
  EXPECT_TRUE(document["summary"]["cancelled"].get<bool>());
  const auto done = document["scenes"].size();
  EXPECT_GE(done, 1u);
  EXPECT_LT(done, 8u);
  for (const auto& scene : document["scenes"]) {
    EXPECT_TRUE(scene["ok"].get<bool>());
    EXPECT_TRUE(scene["backend"].get<std::string>().starts_with("ollama-")) << scene.dump();
  }
}

// SIGTERM to the service while a job is with the model: exit 0, the profile saved, the job's finished scenes kept
// on disk, and listed again by the service started after it.
TEST_F(AnalyzeCli, AServiceStoppedMidJobKeepsTheScenesDoneAcrossARestart) {
  auto routes = ollama_recorded_routes();
  Reply slow{200, recorded("ollama-chat-llava.json")};
  slow.delay = std::chrono::milliseconds(400);
  routes["POST /api/chat"] = slow;
  ReplayServer ollama(routes);
  TempDir state;
  const auto dir = shell_quote(state.path().string());
  const std::string closed = "http://127.0.0.1:9";
  // Each run has a log of its own: reading the port from a log the run before left would race the new one's start.
  const auto serve = [&](const char* log) {
    const auto out = shell_quote((state.path() / log).string());
    return "env -u OPENAI_API_KEY -u DEEPSEEK_API_KEY LLAMA_CPP_HOST=" + closed + " LM_STUDIO_HOST=" + closed +
           " VLLM_HOST=" + closed + " OLLAMA_HOST=" + ollama.url() + " " +
           autocut("serve --quiet --listen 127.0.0.1:0 --env-file /dev/null --state-dir " + dir) + " > " + out +
           " 2>&1 & pid=$!; for i in $(seq 400); do grep -q 'detection complete' " + out +
           " && break; sleep 0.05; done; PORT=$(sed -n 's/.*(port \\([0-9]*\\)).*/\\1/p' " + out + "); ";
  };
  const auto body = json{
      {"video", path("clip.mp4")},
      {"scenes", json::parse(read_text(path("eight.json")))},
      {"backend",
       "ollama-cpu"}}.dump();
  ProcessResult first;
  std::thread user([&] {
    first = run_shell(serve("first.txt") + "curl -s -X POST -H 'Content-Type: application/json' --data " +
                      shell_quote(body) + " http://127.0.0.1:$PORT/api/analyze; echo; echo $pid > " +
                      shell_quote((state.path() / "pid").string()) + "; wait $pid; echo \"exit=$?\"");
  });
  for (int waited = 0; chat_requests(ollama) < 2 && waited < 3000; ++waited)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  for (int waited = 0; !std::filesystem::exists(state.path() / "pid") && waited < 300; ++waited)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ::kill(std::stoi(read_text(state.path() / "pid")), SIGTERM);
  user.join();
  EXPECT_NE(first.out.find("exit=0"), std::string::npos)
      << first.out << first.err << read_text(state.path() / "first.txt");
  EXPECT_FALSE(json::parse(read_text(state.path() / "runtime_profile.json"), nullptr, false).is_discarded());
  ASSERT_TRUE(std::filesystem::is_directory(state.path() / "analysis"))
      << first.out << read_text(state.path() / "first.txt");
  std::vector<std::filesystem::path> kept;
  for (const auto& entry : std::filesystem::directory_iterator(state.path() / "analysis"))
    if (entry.path().extension() == ".json") kept.push_back(entry.path());
  ASSERT_EQ(kept.size(), 1u);
  const auto job = json::parse(read_text(kept[0]));
  const auto pictures = state.path() / "analysis" / job["id"].get<std::string>();
  EXPECT_EQ(job["state"], "cancelled");
  ASSERT_GE(job["scenes"].size(), 1u);
  EXPECT_LT(job["scenes"].size(), 8u);
  for (const auto& scene : job["scenes"]) {
    EXPECT_TRUE(scene["ok"].get<bool>()) << scene.dump();
    EXPECT_TRUE(std::filesystem::exists(pictures / (std::to_string(scene["index"].get<int>()) + ".jpg")));
  }

  const auto job_url = "http://127.0.0.1:$PORT/api/analyze/" + job["id"].get<std::string>();
  const auto again =
      run_shell(serve("again.txt") + "curl -s " + job_url + "; echo; curl -s -o /dev/null -w '%{http_code}' " +
                job_url + "/scenes/" + std::to_string(job["scenes"][0]["index"].get<int>()) +
                "/keyframe.jpg; echo; kill -TERM $pid; wait $pid");
  const auto listed = json::parse(again.out.substr(0, again.out.find('\n')), nullptr, false);
  EXPECT_EQ(listed["state"], "cancelled") << again.out << read_text(state.path() / "again.txt");
  EXPECT_EQ(listed["scenes"], job["scenes"]);
  EXPECT_NE(again.out.find("\n200\n"), std::string::npos) << "its first scene's picture is served again: " << again.out;
}

TEST_F(AnalyzeCli, BadInputIsOneClearLineAndBrokenVideosLoseNothing) {
  TempDir cwd;
  const auto missing = analyze("", "/nonexistent/clip.mp4", cwd);
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.err, "autocut: /nonexistent/clip.mp4: no such file\n");
  const auto directory = analyze("", shell_quote(work_->path().string()), cwd);
  EXPECT_EQ(directory.exit_code, 2);
  EXPECT_NE(directory.err.find("is a directory"), std::string::npos) << directory.err;
  cwd.write("broken.json", "[{\"start\": 0,");
  const auto scenes = analyze("", shell_quote(path("clip.mp4")) + " --scenes broken.json", cwd);
  EXPECT_EQ(scenes.exit_code, 2);
  EXPECT_NE(scenes.err.find("broken.json: the scene file is neither a JSON list"), std::string::npos) << scenes.err;
  const auto both = analyze("", shell_quote(path("clip.mp4")) + " --scenes broken.json --detect-scenes", cwd);
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_NE(both.err.find("excludes"), std::string::npos) << both.err;

  const auto not_video = analyze("", shell_quote(path("notes.mp4")) + " --out notes.json", cwd);
  EXPECT_EQ(not_video.exit_code, 1);
  EXPECT_NE(not_video.out.find("Error: "), std::string::npos) << not_video.out;
  EXPECT_EQ(json::parse(read_text(cwd.path() / "notes.json"))["state"], "failed");

  // Scenes past the end of a video that breaks off: a clear error per scene, the others described.
  cwd.write("late.json", R"([{"start": 0, "end": 0.4}, {"start": 30, "end": 31}, {"start": 2, "end": 1}])");
  const auto truncated = analyze("", shell_quote(path("truncated.mp4")) + " --scenes late.json --json", cwd);
  EXPECT_EQ(truncated.exit_code, 1) << truncated.err;
  const auto document = json::parse(truncated.out);
  ASSERT_EQ(document["scenes"].size(), 3u) << truncated.out;
  EXPECT_TRUE(document["scenes"][0]["ok"].get<bool>());
  EXPECT_EQ(document["scenes"][1]["error"], "starts after the video ends");
  EXPECT_EQ(document["scenes"][2]["error"], "ends before it starts");
  EXPECT_EQ(document["summary"]["failed"], 2);
}

TEST_F(AnalyzeCli, AWorkerThatDiesMidRunLeavesTheScenesItFinished) {
  TempDir cwd;
  // A worker that does one scene's worth of work and is then killed, as a decoder crash would end it.
  cwd.write("dying-worker",
            "#!/bin/sh\nread job\necho '{\"event\":\"scenes\",\"count\":2}'\n"
            "echo '{\"event\":\"scene\",\"index\":1,\"ok\":true,\"backend\":\"builtin\"}'\n"
            "echo 'Segmentation fault in the decoder' >&2\nkill -SEGV $$\n");
  ASSERT_EQ(run_shell("chmod +x " + shell_quote((cwd.path() / "dying-worker").string())).exit_code, 0);
  const auto result = analyze("AUTOCUT_ANALYZE_WORKER=" + shell_quote((cwd.path() / "dying-worker").string()),
                              shell_quote(path("clip.mp4")) + " --out results.json", cwd);
  EXPECT_EQ(result.exit_code, 1);
  const auto document = json::parse(read_text(cwd.path() / "results.json"));
  EXPECT_EQ(document["state"], "failed");
  EXPECT_EQ(document["scenes"].size(), 1u);
  EXPECT_EQ(document["error"],
            "the analysis worker stopped before it finished (killed by signal 11): Segmentation fault in the decoder");
}

}  // namespace
}  // namespace autocut::testing
