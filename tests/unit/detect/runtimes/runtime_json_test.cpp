// Parsers of runtime answers, on responses recorded in the documented formats (tests/recorded/README.md).
#include "detect/runtimes/runtime_json.hpp"

#include <gtest/gtest.h>

#include "support/recorded.hpp"

namespace autocut::detect {
namespace {

using autocut::testing::recorded;

TEST(RuntimeJson, OllamaTagsGiveModelsAndMarkRemoteOnes) {
  const auto models = parse_ollama_tags(recorded("ollama-tags.json"));
  ASSERT_TRUE(models);
  ASSERT_EQ(models->size(), 4u);
  EXPECT_EQ((*models)[0].name, "moondream:latest");
  EXPECT_EQ((*models)[0].size_bytes, 1738451197u);
  EXPECT_EQ((*models)[0].family, "phi2");
  EXPECT_EQ((*models)[0].parameter_size, "1B");
  EXPECT_EQ((*models)[0].quantization, "Q4_0");
  EXPECT_FALSE((*models)[0].remote);
  EXPECT_FALSE((*models)[0].vision) << "unknown until /api/show says";
  EXPECT_TRUE((*models)[3].remote);
}

TEST(RuntimeJson, OllamaTagsMayCarryCapabilities) {
  const auto models = parse_ollama_tags(
      R"({"models":[{"name":"gemma3:4b","size":3338801804,"capabilities":["completion","vision"]}]})");
  ASSERT_TRUE(models);
  EXPECT_EQ(models->at(0).vision, true);
}

TEST(RuntimeJson, OllamaPsGivesWhereLoadedModelsSit) {
  const auto loaded = parse_ollama_ps(recorded("ollama-ps.json"));
  ASSERT_TRUE(loaded);
  ASSERT_EQ(loaded->size(), 1u);
  EXPECT_EQ(loaded->at(0).name, "moondream:latest");
  EXPECT_EQ(loaded->at(0).vram_bytes, 2662887424u);
  EXPECT_EQ(loaded->at(0).size_bytes, 2662887424u);
}

TEST(RuntimeJson, OllamaPsWithoutSizesLeavesThemUnknown) {
  const auto loaded = parse_ollama_ps(R"({"models":[{"name":"moondream:latest"}]})");
  ASSERT_TRUE(loaded);
  EXPECT_FALSE(loaded->at(0).size_bytes);
  EXPECT_FALSE(loaded->at(0).vram_bytes);
}

TEST(RuntimeJson, OllamaShowGivesCapabilities) {
  EXPECT_EQ(parse_ollama_show(recorded("ollama-show-moondream.json"))->capabilities,
            (std::vector<std::string>{"completion", "vision"}));
  EXPECT_EQ(parse_ollama_show(recorded("ollama-show-llama3.2.json"))->capabilities,
            (std::vector<std::string>{"completion", "tools"}));
  EXPECT_FALSE(parse_ollama_show(R"({"model_info":{}})")) << "no capabilities: not the documented answer";
}

TEST(RuntimeJson, LlamaCppPropsSayWhetherTheModelSees) {
  EXPECT_EQ(parse_llama_cpp_vision(recorded("llama-cpp-props.json")), true);
  EXPECT_EQ(parse_llama_cpp_vision(R"({"model_path":"x.gguf"})"), false) << "servers before multimodal support";
  EXPECT_FALSE(parse_llama_cpp_vision("not json"));
}

TEST(RuntimeJson, OpenAiModelListsGiveIds) {
  const auto models = parse_openai_models(recorded("vllm-models.json"));
  ASSERT_TRUE(models);
  EXPECT_EQ(models->at(0).name, "Qwen/Qwen2-VL-7B-Instruct");
  EXPECT_EQ(parse_version_reply(recorded("vllm-version.json")), "0.6.3.post1");
}

TEST(RuntimeJson, LmStudioTypesTellVisionAndEmbeddingsAreDropped) {
  const auto models = parse_lm_studio_models(recorded("lm-studio-models.json"));
  ASSERT_TRUE(models);
  ASSERT_EQ(models->size(), 2u);
  EXPECT_EQ(models->at(0).vision, true);
  EXPECT_FALSE(models->at(0).loaded);
  EXPECT_EQ(models->at(1).vision, false);
  EXPECT_TRUE(models->at(1).loaded);
}

class RuntimeJsonRejects : public ::testing::TestWithParam<const char*> {};

TEST_P(RuntimeJsonRejects, AnythingButTheDocumentedShape) {
  EXPECT_FALSE(parse_ollama_tags(GetParam())) << GetParam();
  EXPECT_FALSE(parse_openai_models(GetParam())) << GetParam();
  EXPECT_FALSE(parse_lm_studio_models(GetParam())) << GetParam();
  EXPECT_FALSE(parse_version_reply(GetParam())) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(Table, RuntimeJsonRejects,
                         ::testing::Values("", "{", "[]", "null", R"({"models":{}})", R"({"data":"x"})",
                                           "<html>502 Bad Gateway</html>", R"({"version":5})"));

}  // namespace
}  // namespace autocut::detect
