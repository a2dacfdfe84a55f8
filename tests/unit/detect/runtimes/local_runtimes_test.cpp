// Contract tests: each runtime query against a real loopback server replaying recorded answers
// (tests/recorded/README.md names the documentation each follows), and against servers that misbehave.
#include "detect/runtimes/local_runtimes.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/recorded.hpp"
#include "support/replay_server.hpp"

namespace autocut::detect {
namespace {

using autocut::testing::ollama_recorded_routes;
using autocut::testing::recorded;
using autocut::testing::ReplayServer;
using autocut::testing::Reply;

RuntimeQuery query(const ReplayServer& server, int timeout_ms = 300) {
  return {server.url(), std::chrono::milliseconds(timeout_ms), std::chrono::milliseconds(2000)};
}

TEST(QueryOllama, DescribesModelsCapabilitiesAndWhatIsLoaded) {
  ReplayServer server(ollama_recorded_routes());
  const auto runtime = query_ollama(query(server));
  EXPECT_TRUE(runtime.running) << runtime.problem;
  EXPECT_TRUE(runtime.problem.empty()) << runtime.problem;
  EXPECT_EQ(runtime.version, "0.5.7");
  ASSERT_EQ(runtime.models.size(), 4u);
  const auto& moondream = runtime.models[0];
  EXPECT_EQ(moondream.vision, true);
  EXPECT_TRUE(moondream.loaded);
  EXPECT_EQ(moondream.loaded_vram_bytes, 2662887424u);
  EXPECT_EQ(runtime.models[1].vision, false) << "llama3.2 is not a vision model";
  EXPECT_EQ(runtime.models[2].vision, true) << "llava's capabilities say vision";
  EXPECT_FALSE(runtime.models[3].vision) << "the cloud model is not asked about";
  for (const auto& request : server.requests())
    EXPECT_EQ(request.find("gpt-oss"), std::string::npos) << "remote models are not shown: " << request;
}

TEST(QueryOllama, NothingListeningIsNotRunning) {
  unsigned short port = 0;
  { port = ReplayServer({}).port(); }
  const auto runtime = query_ollama(
      {"http://127.0.0.1:" + std::to_string(port), std::chrono::milliseconds(300), std::chrono::seconds(1)});
  EXPECT_FALSE(runtime.running);
  EXPECT_NE(runtime.problem.find("nothing listens"), std::string::npos) << runtime.problem;
}

TEST(QueryOllama, AnotherServerOnThePortIsNotOllama) {
  ReplayServer server({{"GET /api/version", {200, "<html>hello</html>"}}});
  const auto runtime = query_ollama(query(server));
  EXPECT_FALSE(runtime.running);
  EXPECT_NE(runtime.problem.find("not as Ollama"), std::string::npos) << runtime.problem;
}

TEST(QueryOllama, ServerErrorIsReported) {
  auto routes = ollama_recorded_routes();
  routes["GET /api/tags"] = {500, R"({"error":"internal"})"};
  ReplayServer server(routes);
  const auto runtime = query_ollama(query(server));
  EXPECT_TRUE(runtime.running);
  EXPECT_EQ(runtime.problem, "/api/tags: HTTP 500");
}

TEST(QueryOllama, InvalidJsonIsReported) {
  auto routes = ollama_recorded_routes();
  routes["GET /api/tags"] = {200, R"({"models": [ {"name": )"};
  ReplayServer server(routes);
  EXPECT_EQ(query_ollama(query(server)).problem, "/api/tags: not the documented JSON");
}

TEST(QueryOllama, ASilentServerCostsOneTimeout) {
  ReplayServer server({{"GET /api/version", Reply{200, "", {}, true}}});
  const auto start = std::chrono::steady_clock::now();
  const auto runtime = query_ollama(query(server, 100));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(1500));
  EXPECT_FALSE(runtime.running);
  EXPECT_NE(runtime.problem.find("within 100 ms"), std::string::npos) << runtime.problem;
}

TEST(QueryOllama, AHugeAnswerIsRefused) {
  auto routes = ollama_recorded_routes();
  routes["GET /api/tags"] = Reply{200, "", {}, false, 20u << 20};
  ReplayServer server(routes);
  RuntimeQuery slow = query(server, 3000);
  slow.budget = std::chrono::seconds(5);
  const auto runtime = query_ollama(slow);
  EXPECT_NE(runtime.problem.find("larger than"), std::string::npos) << runtime.problem;
}

TEST(QueryOllama, ABadHostSettingIsNamed) {
  const auto runtime =
      query_ollama({"https://remote.example:443", std::chrono::milliseconds(100), std::chrono::seconds(1)});
  EXPECT_FALSE(runtime.running);
  EXPECT_NE(runtime.problem.find("OLLAMA_HOST"), std::string::npos) << runtime.problem;
}

TEST(QueryLlamaCpp, ReadsHealthPropsAndModels) {
  ReplayServer server({{"GET /health", {200, recorded("llama-cpp-health.json")}},
                       {"GET /props", {200, recorded("llama-cpp-props.json")}},
                       {"GET /v1/models", {200, recorded("llama-cpp-models.json")}}});
  const auto runtime = query_llama_cpp(query(server));
  EXPECT_TRUE(runtime.running) << runtime.problem;
  ASSERT_EQ(runtime.models.size(), 1u);
  EXPECT_EQ(runtime.models[0].vision, true);
  EXPECT_TRUE(runtime.models[0].loaded);
}

TEST(QueryLlamaCpp, StillLoadingIsNotRunning) {
  ReplayServer server(
      {{"GET /health", {503, R"({"error":{"code":503,"message":"Loading model","type":"unavailable_error"}})"}}});
  const auto runtime = query_llama_cpp(query(server));
  EXPECT_FALSE(runtime.running);
  EXPECT_EQ(runtime.problem, "HTTP 503");
}

TEST(QueryLmStudio, ReadsModelTypesAndStates) {
  ReplayServer server({{"GET /api/v0/models", {200, recorded("lm-studio-models.json")}}});
  const auto runtime = query_lm_studio(query(server));
  EXPECT_TRUE(runtime.running) << runtime.problem;
  EXPECT_EQ(runtime.models.size(), 2u);
}

TEST(QueryVllm, ReadsVersionAndModels) {
  ReplayServer server({{"GET /version", {200, recorded("vllm-version.json")}},
                       {"GET /v1/models", {200, recorded("vllm-models.json")}}});
  const auto runtime = query_vllm(query(server));
  EXPECT_TRUE(runtime.running) << runtime.problem;
  EXPECT_EQ(runtime.version, "0.6.3.post1");
  EXPECT_EQ(runtime.models.at(0).name, "Qwen/Qwen2-VL-7B-Instruct");
  EXPECT_FALSE(runtime.models.at(0).vision) << "vLLM does not say";
}

TEST(QueryVllm, AnotherServiceOnItsPortIsNotVllmAndNotAFault) {
  ReplayServer server({{"GET /healthz", {200, "ok"}}});
  const auto runtime = query_vllm(query(server));
  EXPECT_FALSE(runtime.running);
  EXPECT_EQ(runtime.problem, "HTTP 404");
  EXPECT_FALSE(runtime.fault) << "a web app on port 8000 is not a broken vLLM";
  const auto llama = query_llama_cpp(query(server));
  EXPECT_FALSE(llama.fault);
}

TEST(QueryOllama, OnlyARunningServerThatFailsIsAFault) {
  ReplayServer silent({{"GET /api/version", Reply{200, "", {}, true}}});
  EXPECT_TRUE(query_ollama(query(silent, 100)).fault) << "accepting and never answering";
  auto routes = ollama_recorded_routes();
  routes["GET /api/tags"] = {500, "{}"};
  ReplayServer failing(routes);
  EXPECT_TRUE(query_ollama(query(failing)).fault);
  ReplayServer healthy(ollama_recorded_routes());
  EXPECT_FALSE(query_ollama(query(healthy)).fault);
}

}  // namespace
}  // namespace autocut::detect
