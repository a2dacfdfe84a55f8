// Local AI runtimes, cloud keys and `.env` as a user meets them: the real binary against a loopback server that
// replays Ollama's documented answers (tests/recorded/README.md).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "e2e/autocut_binary.hpp"
#include "support/recorded.hpp"
#include "support/replay_server.hpp"

namespace autocut::testing {
namespace {

// Runs in `cwd`, with the other runtimes' hosts pointed at a closed port so the machine's own servers, if any,
// do not join in.
ProcessResult run_in(const TempDir& cwd, const std::string& environment, const std::string& arguments) {
  const std::string closed = "http://127.0.0.1:9";
  return run_shell("cd " + shell_quote(cwd.path().string()) +
                   " && env -u OPENAI_API_KEY -u DEEPSEEK_API_KEY LLAMA_CPP_HOST=" + closed +
                   " LM_STUDIO_HOST=" + closed + " VLLM_HOST=" + closed + " " + environment + " " + autocut(arguments));
}

TEST(RuntimesCli, OllamaModelsAndVisionAreReported) {
  ReplayServer ollama(ollama_recorded_routes());
  TempDir cwd;
  const auto result = run_in(cwd, "OLLAMA_HOST=" + ollama.url(), "profile --json --no-save");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto profile = nlohmann::json::parse(result.out);
  const auto& runtime = profile["runtimes"][0];
  EXPECT_EQ(runtime["kind"], "ollama");
  EXPECT_TRUE(runtime["running"].get<bool>());
  EXPECT_EQ(runtime["version"], "0.5.7");
  EXPECT_EQ(runtime["models"].size(), 4u);
  EXPECT_EQ(runtime["models"][0]["vision"], true);
  EXPECT_EQ(runtime["models"][0]["loaded_vram_bytes"], 2662887424ull);
  EXPECT_EQ(runtime["models"][0]["placement"], "gpu");
  EXPECT_TRUE(runtime["models"][1]["placement"].is_null()) << "not loaded";
  EXPECT_EQ(profile["probes"]["ai-runtimes"]["status"], "ok");
}

TEST(RuntimesCli, ModelsAreFittedFromTheirOwnMetadataAndWhatWasMeasuredIsKept) {
  // First run: moondream loaded at its trained context, as /api/ps reports it; the profile keeps the figure.
  auto routes = ollama_recorded_routes();
  const std::uint64_t measured = 2'600'000'000;
  routes["GET /api/ps"] = {200, R"({"models":[{"name":"moondream:latest","model":"moondream:latest","size":)" +
                                    std::to_string(measured) + R"(,"size_vram":0,"context_length":2048}]})"};
  TempDir cwd;
  {
    ReplayServer ollama(routes);
    const auto result = run_in(cwd, "OLLAMA_HOST=" + ollama.url(), "profile --json --state-dir .");
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto moondream = nlohmann::json::parse(result.out)["runtimes"][0]["models"][0];
    EXPECT_EQ(moondream["shape"]["architecture"], "phi2");
    EXPECT_EQ(moondream["shape"]["block_count"], 24);
    EXPECT_EQ(moondream["shape"]["projector"]["image_size"], 378);
    EXPECT_EQ(moondream["loaded_context"], 2048);
  }
  const auto kept = nlohmann::json::parse(read_text(cwd.path() / "model_fits.json"));
  EXPECT_EQ(kept["measured"][0]["model"], "moondream:latest");
  EXPECT_EQ(kept["measured"][0]["bytes"], measured);
  EXPECT_EQ(kept["measured"][0]["context"], 2048);

  // Next run: nothing loaded now, yet the fit starts from what was measured, the prediction beside it.
  routes["GET /api/ps"] = {200, R"({"models":[]})"};
  ReplayServer ollama(routes);
  const auto result = run_in(cwd, "OLLAMA_HOST=" + ollama.url(), "policy --json --level LOCAL_CPU_ONLY");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto vision = nlohmann::json::parse(result.out)["vision"];
  EXPECT_EQ(vision["model"], "moondream:latest");
  EXPECT_EQ(vision["fit"]["basis"], "metadata");
  EXPECT_EQ(vision["fit"]["context"], 2048) << "its trained context: no more";
  EXPECT_EQ(vision["fit"]["measured_bytes"], measured);
  EXPECT_GT(vision["fit"]["predicted_bytes"].get<std::uint64_t>(), 0u);
  EXPECT_NE(vision["fit"]["predicted_bytes"], measured);
  EXPECT_EQ(vision["limits"]["context_tokens"], 2048);

  // A measurements file that is not ours is said, and not used.
  cwd.write("model_fits.json", "not json");
  const auto garbled = run_in(cwd, "OLLAMA_HOST=" + ollama.url(), "policy --json --level LOCAL_CPU_ONLY");
  EXPECT_TRUE(nlohmann::json::parse(garbled.out)["vision"]["fit"]["measured_bytes"].is_null());
  EXPECT_NE(garbled.err.find("model_fits.json is not a list of measured model sizes"), std::string::npos)
      << garbled.err;
}

TEST(RuntimesCli, ExplanationNamesTheVisionModels) {
  ReplayServer ollama(ollama_recorded_routes());
  TempDir cwd;
  const auto english = run_in(cwd, "OLLAMA_HOST=" + ollama.url(), "profile --lang en --no-save").out;
  EXPECT_NE(english.find("- Local AI: Ollama 0.5.7, 4 models, 2 with vision (moondream:latest, llava:7b)"),
            std::string::npos)
      << english;
  EXPECT_EQ(english.find("install Ollama"), std::string::npos) << english;
  const auto chinese = run_in(cwd, "OLLAMA_HOST=" + ollama.url(), "profile --lang zh --no-save").out;
  EXPECT_NE(chinese.find("- 本地 AI: Ollama 0.5.7，4 个模型，其中 2 个支持视觉 (moondream:latest, llava:7b)"),
            std::string::npos)
      << chinese;
}

TEST(RuntimesCli, InstalledButNotRunningIsADifferentSuggestion) {
  TempDir cwd;
  cwd.write("bin/ollama", "");
  const auto result = run_in(
      cwd, "PATH=" + shell_quote((cwd.path() / "bin").string() + ":/usr/bin:/bin") + " OLLAMA_HOST=http://127.0.0.1:9",
      "profile --lang en --no-save");
  EXPECT_NE(result.out.find("- Local AI: Ollama is installed but not running"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("`ollama serve`"), std::string::npos) << result.out;
  const auto absent = run_in(cwd, "OLLAMA_HOST=http://127.0.0.1:9", "profile --lang en --no-save");
  EXPECT_NE(absent.out.find("- Local AI: not installed"), std::string::npos) << absent.out;
  EXPECT_NE(absent.out.find("`ollama pull moondream`"), std::string::npos) << absent.out;
}

TEST(RuntimesCli, EnvFileIsReadEnvironmentWinsAndFlagsWinOverBoth) {
  ReplayServer ollama(ollama_recorded_routes());
  TempDir cwd;
  cwd.write(".env", "USE_LOCAL_VISION=True\nthis line is garbage\nOLLAMA_HOST=" + ollama.url() + "\n");
  const auto from_file = run_in(cwd, "", "profile --json --no-save");
  EXPECT_EQ(from_file.exit_code, 0) << from_file.err;
  EXPECT_EQ(from_file.err, "autocut: .env line 2: expected KEY=value (skipped)\n");
  EXPECT_TRUE(nlohmann::json::parse(from_file.out)["runtimes"][0]["running"].get<bool>());

  const auto env_wins = run_in(cwd, "OLLAMA_HOST=http://127.0.0.1:9", "profile --json --no-save");
  EXPECT_FALSE(nlohmann::json::parse(env_wins.out)["runtimes"][0]["running"].get<bool>());

  const auto flag_wins =
      run_in(cwd, "OLLAMA_HOST=http://127.0.0.1:9", "profile --json --no-save --ollama-host " + ollama.url());
  EXPECT_TRUE(nlohmann::json::parse(flag_wins.out)["runtimes"][0]["running"].get<bool>());
}

TEST(RuntimesCli, CloudKeysArePresentButNeverShown) {
  TempDir cwd;
  cwd.write(".env", "DEEPSEEK_API_KEY=sk-deep-SECRET-4567\n");
  const auto result = run_in(cwd, "OPENAI_API_KEY=sk-open-SECRET-1234 OLLAMA_HOST=http://127.0.0.1:9",
                             "profile --json --state-dir " + shell_quote(cwd.path().string()));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto profile = nlohmann::json::parse(result.out);
  EXPECT_TRUE(profile["cloud"]["vision"]["key_present"].get<bool>());
  EXPECT_TRUE(profile["cloud"]["planning"]["key_present"].get<bool>());
  EXPECT_EQ(profile["cloud"]["vision"]["model"], "gpt-4o");
  const auto saved = read_text(cwd.path() / "runtime_profile.json");
  const auto text = run_in(cwd, "OPENAI_API_KEY=sk-open-SECRET-1234", "profile --no-save");
  for (const auto* output : {&result.out, &result.err, &saved, &text.out, &text.err}) {
    EXPECT_EQ(output->find("SECRET"), std::string::npos) << *output;
    EXPECT_EQ(output->find("sk-"), std::string::npos) << *output;
  }
}

TEST(RuntimesCli, ASilentServerDoesNotHoldDetectionUp) {
  ReplayServer silent({{"GET /api/version", Reply{200, "", {}, true}}});
  TempDir cwd;
  const auto start = std::chrono::steady_clock::now();
  const auto result =
      run_in(cwd, "AUTOCUT_PROBE_TIMEOUT_MS=200 OLLAMA_HOST=" + silent.url(), "profile --json --no-save");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
  const auto profile = nlohmann::json::parse(result.out);
  EXPECT_EQ(profile["probes"]["ai-runtimes"]["status"], "failed");
  EXPECT_NE(profile["probes"]["ai-runtimes"]["detail"].get<std::string>().find("within 200 ms"), std::string::npos);
  EXPECT_EQ(profile["probes"]["cpu"]["status"], "ok");
}

}  // namespace
}  // namespace autocut::testing
