// llama.cpp's and LM Studio's model files on this machine: the GGUF file a llama-server names in /props, and the one
// LM Studio keeps for a model id in its models folder, each with a vision encoder ("mmproj-*.gguf") beside it, read
// into the model's shape. The servers are real loopback servers replaying their documented answers; the files are
// GGUF headers written here.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "detect/runtimes/lm_studio_model_files.hpp"
#include "detect/runtimes/local_runtimes.hpp"
#include "policy/model_choice.hpp"
#include "support/gguf_writer.hpp"
#include "support/recorded.hpp"
#include "support/replay_server.hpp"
#include "support/temp_dir.hpp"

namespace autocut::detect {
namespace {

using autocut::testing::recorded;
using autocut::testing::ReplayServer;
using autocut::testing::TempDir;

using namespace autocut::testing::gguf;

std::string language_model() {
  return GgufWriter()
      .kv_string("general.architecture", "llama")
      .kv_u32("llama.block_count", 2)
      .kv_u32("llama.embedding_length", 64)
      .kv_u32("llama.attention.head_count", 4)
      .kv_u32("llama.context_length", 8192)
      .tensor("blk.0.attn_q.weight", {1000}, kF32, 0)
      .tensor("output.weight", {24}, kF32, 4000)
      .bytes();
}

std::string encoder() {
  return GgufWriter()
      .kv_string("general.architecture", "clip")
      .kv_u32("clip.vision.block_count", 2)
      .kv_u32("clip.vision.embedding_length", 32)
      .kv_u32("clip.vision.image_size", 224)
      .kv_u32("clip.vision.patch_size", 14)
      .tensor("v.blk.0.attn_q.weight", {500}, kF32, 0)
      .bytes();
}

std::map<std::string, autocut::testing::Reply> llama_server(const std::filesystem::path& model) {
  auto props = nlohmann::json::parse(recorded("llama-cpp-props.json"));
  props["model_path"] = model.string();
  return {{"GET /health", {200, recorded("llama-cpp-health.json")}},
          {"GET /props", {200, props.dump()}},
          {"GET /v1/models", {200, recorded("llama-cpp-models.json")}}};
}

RuntimeQuery query_for(const ReplayServer& server, bool files_readable, std::vector<std::filesystem::path> dirs = {}) {
  return {server.url(),  std::chrono::milliseconds(300), std::chrono::milliseconds(2000), std::nullopt, std::move(dirs),
          files_readable};
}

TEST(ServerModelFiles, LlamaCppsModelFileAndTheEncoderBesideItGiveTheShape) {
  TempDir files;
  const auto model = files.write("models/gemma/gemma-3-4b-it-Q4_K_M.gguf", language_model());
  files.write("models/gemma/mmproj-gemma-3-4b-it-f16.gguf", encoder());
  ReplayServer server(llama_server(model));
  const auto runtime = query_llama_cpp(query_for(server, true));
  ASSERT_TRUE(runtime.running) << runtime.problem;
  const auto& served = runtime.models.at(0);
  EXPECT_EQ(served.loaded_context, 4096) << "/props: default_generation_settings.n_ctx";
  ASSERT_TRUE(served.shape);
  EXPECT_EQ(served.shape->source, "gguf");
  EXPECT_EQ(served.shape->block_count, 2);
  EXPECT_EQ(served.shape->context_length, 8192);
  EXPECT_EQ(served.shape->weights_bytes, (1000u + 24u) * 4);
  ASSERT_TRUE(served.shape->projector);
  EXPECT_EQ(served.shape->projector->image_size, 224);
  EXPECT_EQ(served.shape->projector->weights_bytes, 500u * 4);

  // Held by the server, it is offered at the context it was started with, whatever memory is left beside it.
  core::AiRuntime held = runtime;
  const auto choice = policy::choose_vision_model({held}, {{"gpu", "GPU", 0, {}}}, true,
                                                  {1, 768, 8192, model_fit::KvCacheType::f16}, {}, false);
  ASSERT_TRUE(choice.choice);
  EXPECT_EQ(choice.choice->fit.context, 4096);
}

TEST(ServerModelFiles, FilesAreNotReadForAServerElsewhere) {
  TempDir files;
  const auto model = files.write("models/gemma/gemma-3-4b-it-Q4_K_M.gguf", language_model());
  ReplayServer server(llama_server(model));
  EXPECT_FALSE(query_llama_cpp(query_for(server, false)).models.at(0).shape);
}

TEST(ServerModelFiles, LmStudiosFolderIsSearchedByTheModelsId) {
  TempDir files;
  files.write("models/lmstudio-community/gemma-3-4b-it-GGUF/gemma-3-4b-it-Q4_K_M.gguf", language_model());
  files.write("models/lmstudio-community/gemma-3-4b-it-GGUF/mmproj-model-f16.gguf", encoder());
  files.write("models/other/readme.gguf", "not a model");
  EXPECT_EQ(find_lm_studio_model({files.path() / "models"}, "Gemma-3-4B-IT")->filename(), "gemma-3-4b-it-Q4_K_M.gguf");
  EXPECT_FALSE(find_lm_studio_model({files.path() / "models"}, "mmproj"));
  EXPECT_FALSE(find_lm_studio_model({files.path() / "missing"}, "gemma-3-4b-it"));

  const std::string models =
      R"({"object":"list","data":[{"id":"gemma-3-4b-it","object":"model","type":"vlm","publisher":"lmstudio-community",)"
      R"("arch":"gemma3","compatibility_type":"gguf","quantization":"Q4_K_M","state":"not-loaded","max_context_length":131072}]})";
  ReplayServer server({{"GET /api/v0/models", {200, models}}});
  const auto runtime = query_lm_studio(query_for(server, true, {files.path() / "models"}));
  ASSERT_TRUE(runtime.running) << runtime.problem;
  ASSERT_TRUE(runtime.models.at(0).shape);
  EXPECT_EQ(runtime.models.at(0).shape->projector->weights_bytes, 500u * 4);
}

}  // namespace
}  // namespace autocut::detect
