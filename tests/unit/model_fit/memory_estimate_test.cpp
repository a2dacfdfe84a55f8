// Memory estimates from the recorded /api/show answers of real models: each part checked against the formula it
// follows, computed here from the model's own numbers.
#include "model_fit/memory_estimate.hpp"

#include <gtest/gtest.h>

#include "detect/runtimes/runtime_json.hpp"
#include "support/recorded.hpp"

namespace autocut::model_fit {
namespace {

using autocut::testing::recorded;

core::ModelShape shape_of(const std::string& file) {
  const auto shown = detect::parse_ollama_show(recorded(file));
  EXPECT_TRUE(shown && shown->shape) << file;
  return shown && shown->shape ? *shown->shape : core::ModelShape{};
}

constexpr std::uint64_t kMiB = 1024ull * 1024;

TEST(MemoryEstimate, LlavaIsReadFromItsOwnMetadata) {
  const auto llava = shape_of("ollama-show-llava.json");
  EXPECT_EQ(llava.architecture, "llama");
  EXPECT_EQ(llava.block_count, 32);
  EXPECT_EQ(llava.head_count_kv, 8);
  EXPECT_EQ(llava.key_length, 128) << "embedding / heads where the model gives no key length";
  EXPECT_EQ(llava.context_length, 32768);
  ASSERT_TRUE(llava.projector);
  EXPECT_EQ(llava.projector->image_size, 336);
  EXPECT_EQ(tokens_per_image(*llava.projector, 1280), 576) << "a fixed 336 px input: (336 / 14)²";
}

TEST(MemoryEstimate, TheKvCacheOfAGroupedQueryModelIsItsKvHeadsTimesTheContext) {
  const auto llava = shape_of("ollama-show-llava.json");
  // K and V, 32 layers, 8 KV heads of 128, 4096 positions, 2 bytes: Ollama's formula gives the same for this model.
  const std::uint64_t expected = 2ull * 32 * 8 * 128 * 4096 * 2;
  EXPECT_EQ(kv_cache_bytes(llava, 4096, KvCacheType::f16, 512), expected);
  EXPECT_EQ(expected, 512 * kMiB);
  EXPECT_EQ(kv_cache_bytes(llava, 4096, KvCacheType::q8_0, 512), expected / 2 * 34 / 32);
  EXPECT_EQ(kv_cache_bytes(llava, 4096, KvCacheType::q4_0, 512), expected / 2 * 18 / 32);
  EXPECT_EQ(kv_cache_bytes(llava, 32768, KvCacheType::f16, 512), expected * 8) << "linear in the context";
}

TEST(MemoryEstimate, Gemma3sSlidingLayersKeepOnlyTheirWindow) {
  const auto gemma = shape_of("ollama-show-gemma3.json");
  ASSERT_EQ(gemma.sliding_window, 1024);
  EXPECT_EQ(gemma.sliding_window_pattern, 6);
  EXPECT_EQ(gemma.sliding_layers(), 29) << "every sixth of 34 layers is global: 5 of them";
  // 5 global layers of 8192 cells, 29 of min(8192, 1024 + 512) padded to 256; 4 KV heads of 256 + 256, 2 bytes.
  const std::uint64_t per_cell = 4 * (256 + 256) * 2;
  EXPECT_EQ(kv_cache_bytes(gemma, 8192, KvCacheType::f16, 512), (5 * 8192 + 29 * 1536) * per_cell);
  // Ollama's formula (2·layers·kv_heads·embedding/heads·ctx·2) counts every layer whole, at a head size of 320.
  const std::uint64_t ollama = 2ull * 34 * 4 * (2560 / 8) * 8192 * 2;
  EXPECT_LT(kv_cache_bytes(gemma, 8192, KvCacheType::f16, 512) * 3, ollama);
  EXPECT_EQ(kv_cache_bytes(gemma, 1024, KvCacheType::f16, 512), 34 * 1024 * per_cell)
      << "below the window every layer holds the context";
}

TEST(MemoryEstimate, EncodersThatTakeAnySizeCostMoreForLargerFrames) {
  const auto qwen = shape_of("ollama-show-qwen2.5vl.json");
  ASSERT_TRUE(qwen.projector);
  EXPECT_EQ(qwen.projector->image_size, 0);
  EXPECT_EQ(qwen.projector->spatial_merge_size, 2);
  // A 1280×720 frame in 28 px groups: 46 × 26 groups of 2×2 patches, one token per group.
  EXPECT_EQ(tokens_per_image(*qwen.projector, 1280), 46 * 26);
  const auto small = estimate_memory(qwen, 5'969'233'408, {8192, KvCacheType::f16, 512, 1, 640});
  const auto large = estimate_memory(qwen, 5'969'233'408, {8192, KvCacheType::f16, 512, 1, 1280});
  EXPECT_GT(large.image_bytes, 10 * small.image_bytes) << "the attention over all patches grows with their square";
  const std::uint64_t patches = 92 * 52;
  EXPECT_EQ(large.image_bytes, 4 * (16 * patches * patches + 8 * patches * 1280));
}

TEST(MemoryEstimate, TheProjectorComesOutOfTheDownloadAndTheWeightsAreTheRest) {
  const auto moondream = shape_of("ollama-show-moondream.json");
  ASSERT_TRUE(moondream.projector);
  const std::uint64_t size = 1'738'451'197;  // /api/tags: model, projector and the small layers
  const auto estimate = estimate_memory(moondream, size, {2048, KvCacheType::f16, 512, 1, 512});
  const std::uint64_t projector = 27ull * 12 * 1152 * 1152 * 2;  // a ViT's 12·d² per block, f16
  EXPECT_EQ(estimate.projector_bytes, projector);
  EXPECT_EQ(estimate.weights_bytes, size - projector);
  EXPECT_EQ(estimate.tokens_per_image, 27 * 27);
  EXPECT_EQ(estimate.layers, 25) << "24 blocks and the output";
  EXPECT_EQ(estimate.total(), estimate.weights_bytes + estimate.kv_cache_bytes + estimate.graph_bytes +
                                  estimate.projector_bytes + estimate.image_bytes);
}

TEST(MemoryEstimate, TheGraphHoldsTheLargestStageOfOneBatch) {
  const auto llama = shape_of("ollama-show-llama3.2.json");
  ASSERT_EQ(llama.vocab_size, 128256);
  const auto at = [&](int context) {
    return estimate_memory(llama, 2'019'393'189, {context, KvCacheType::f16, 512, 0, 0});
  };
  // At 4k the logits of 128256 tokens outweigh 24 heads' scores; at 32k the scores do.
  EXPECT_EQ(at(4096).graph_bytes, 4ull * (512 * 128256 + 4 * 512 * 3072));
  EXPECT_EQ(at(32768).graph_bytes, 4ull * (512ull * 24 * 32768 + 4 * 512 * 3072));
  EXPECT_EQ(at(4096).projector_bytes, 0u);
  EXPECT_EQ(at(4096).image_bytes, 0u);
}

TEST(MemoryEstimate, KvCacheTypesAreNamedAsOllamaNamesThem) {
  EXPECT_EQ(kv_cache_type_named("q8_0"), KvCacheType::q8_0);
  EXPECT_EQ(kv_cache_type_named("q4_0"), KvCacheType::q4_0);
  EXPECT_EQ(kv_cache_type_named("f16"), KvCacheType::f16);
  EXPECT_FALSE(kv_cache_type_named("q2_k"));
  EXPECT_EQ(to_string(KvCacheType::q8_0), "q8_0");
}

TEST(ModelMetadata, TooLittleMetadataGivesNoShape) {
  EXPECT_FALSE(
      detect::parse_ollama_show(R"({"capabilities":["completion"],"model_info":{"general.architecture":"llama"}})")
          ->shape);
  EXPECT_FALSE(
      detect::parse_ollama_show(R"({"capabilities":["completion"],"model_info":{"llama.block_count":32}})")->shape)
      << "no architecture: the keys cannot be read";
  EXPECT_FALSE(detect::parse_ollama_show(
                   R"({"capabilities":["completion"],"model_info":{"general.architecture":"llama",)"
                   R"("llama.block_count":-3,"llama.embedding_length":4096,"llama.attention.head_count":32}})")
                   ->shape)
      << "a negative count is not a count";
}

}  // namespace
}  // namespace autocut::model_fit
