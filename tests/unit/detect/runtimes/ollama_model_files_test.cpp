// Ollama's files on this machine: manifest paths from model names, the manifest's layers, and the exact sizes they
// give a model's shape — a separate projector's from the manifest, an encoder inside the model file from the blob's
// GGUF header. The models directory is laid out here as Ollama lays it out (manifest/paths.go, manifest.go).
#include "detect/runtimes/ollama_model_files.hpp"

#include <gtest/gtest.h>

#include "detect/runtimes/local_runtimes.hpp"
#include "detect/runtimes/runtime_json.hpp"
#include "support/gguf_writer.hpp"
#include "support/recorded.hpp"
#include "support/replay_server.hpp"
#include "support/temp_dir.hpp"

namespace autocut::detect {
namespace {

using autocut::testing::recorded;
using autocut::testing::TempDir;

const std::string kModelDigest = "sha256:" + std::string(64, 'a');
const std::string kProjectorDigest = "sha256:" + std::string(64, 'b');

// llava:7b's manifest as the registry serves it (sizes from its layers).
std::string llava_manifest() {
  return R"({"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",)"
         R"("config":{"mediaType":"application/vnd.docker.container.image.v1+json","digest":"sha256:)" +
         std::string(64, 'c') +
         R"(","size":564},"layers":[)"
         R"({"mediaType":"application/vnd.ollama.image.model","digest":")" +
         kModelDigest +
         R"(","size":4108916992},)"
         R"({"mediaType":"application/vnd.ollama.image.projector","digest":")" +
         kProjectorDigest +
         R"(","size":624434368},)"
         R"({"mediaType":"application/vnd.ollama.image.license","digest":"sha256:)" +
         std::string(64, 'd') + R"(","size":11356}]})";
}

// A GGUF v3 header with two F32 tensors: one of the language model, one of the vision encoder.
std::string gguf_with(std::uint64_t language_elements, std::uint64_t vision_elements) {
  using namespace autocut::testing::gguf;
  return GgufWriter()
      .kv_string("general.architecture", "gemma3")
      .tensor("blk.0.attn_q.weight", {language_elements}, kF32, 0)
      .tensor("v.blk.0.attn_q.weight", {vision_elements}, kF32, (language_elements * 4 + 31) / 32 * 32)
      .bytes();
}

TEST(OllamaModelFiles, ManifestPathsFollowTheModelsName) {
  EXPECT_EQ(ollama_manifest_path("llava:7b"), std::filesystem::path("manifests/registry.ollama.ai/library/llava/7b"));
  EXPECT_EQ(ollama_manifest_path("moondream"),
            std::filesystem::path("manifests/registry.ollama.ai/library/moondream/latest"));
  EXPECT_EQ(ollama_manifest_path("someone/model:q4"),
            std::filesystem::path("manifests/registry.ollama.ai/someone/model/q4"));
  EXPECT_EQ(ollama_manifest_path("hf.co/org/repo:Q4_K_M"), std::filesystem::path("manifests/hf.co/org/repo/Q4_K_M"));
  for (const char* bad : {"../../etc:passwd", "a/b/c/d", "", ":tag", "a//b", "library/..:x", "x:.."})
    EXPECT_FALSE(ollama_manifest_path(bad)) << bad;
}

TEST(OllamaModelFiles, BlobsAreNamedBySha256Only) {
  EXPECT_EQ(ollama_blob_path(kModelDigest), std::filesystem::path("blobs/sha256-" + std::string(64, 'a')));
  EXPECT_FALSE(ollama_blob_path("sha256:../../etc/passwd"));
  EXPECT_FALSE(ollama_blob_path("md5:" + std::string(64, 'a')));
  EXPECT_FALSE(ollama_blob_path("sha256:" + std::string(63, 'a')));
}

TEST(OllamaModelFiles, TheManifestNamesTheModelAndProjectorLayers) {
  const auto manifest = parse_ollama_manifest(llava_manifest());
  ASSERT_TRUE(manifest);
  EXPECT_EQ(manifest->model->bytes, 4108916992u);
  EXPECT_EQ(manifest->projector->bytes, 624434368u);
  EXPECT_FALSE(parse_ollama_manifest(R"({"layers":[]})")) << "no model layer";
  EXPECT_FALSE(parse_ollama_manifest("not json"));
}

TEST(OllamaModelFiles, ASeparateProjectorsSizeComesFromTheManifest) {
  TempDir models;
  models.write("manifests/registry.ollama.ai/library/llava/7b", llava_manifest());
  auto shape = *parse_ollama_show(recorded("ollama-show-llava.json"))->shape;
  apply_ollama_files(shape, {models.path() / "elsewhere", models.path()}, "llava:7b");
  EXPECT_EQ(shape.weights_bytes, 4108916992u);
  EXPECT_EQ(shape.projector->weights_bytes, 624434368u);
  EXPECT_NE(shape.source.find("files"), std::string::npos);
}

TEST(OllamaModelFiles, AnEncoderInsideTheModelFileIsMeasuredFromItsHeader) {
  TempDir models;
  models.write("manifests/registry.ollama.ai/library/gemma3/4b",
               R"({"layers":[{"mediaType":"application/vnd.ollama.image.model","digest":")" + kModelDigest +
                   R"(","size":3338792448}]})");
  models.write("blobs/sha256-" + std::string(64, 'a'), gguf_with(1000000, 250000));
  auto shape = *parse_ollama_show(recorded("ollama-show-gemma3.json"))->shape;
  apply_ollama_files(shape, {models.path()}, "gemma3:4b");
  EXPECT_EQ(shape.weights_bytes, 4000000u);
  EXPECT_EQ(shape.projector->weights_bytes, 1000000u);
}

TEST(OllamaModelFiles, MissingOrForeignFilesChangeNothing) {
  TempDir models;
  models.write("manifests/registry.ollama.ai/library/gemma3/4b",
               R"({"layers":[{"mediaType":"application/vnd.ollama.image.model","digest":")" + kModelDigest +
                   R"(","size":3338792448}]})");
  models.write("blobs/sha256-" + std::string(64, 'a'), "not a gguf file");
  const auto before = *parse_ollama_show(recorded("ollama-show-gemma3.json"))->shape;
  auto shape = before;
  apply_ollama_files(shape, {models.path()}, "gemma3:4b");
  EXPECT_FALSE(shape.weights_bytes) << "a blob that is not GGUF says nothing";
  apply_ollama_files(shape, {models.path()}, "llava:7b");
  EXPECT_FALSE(shape.weights_bytes) << "no manifest";
  EXPECT_EQ(shape.source, before.source);
}

TEST(OllamaModelFiles, TheProbeReadsThemForAServerOnThisMachine) {
  autocut::testing::ReplayServer server(autocut::testing::ollama_recorded_routes());
  TempDir models;
  models.write("manifests/registry.ollama.ai/library/llava/7b", llava_manifest());
  RuntimeQuery query{
      server.url(), std::chrono::milliseconds(300), std::chrono::milliseconds(2000), std::nullopt, {models.path()}};
  const auto runtime = query_ollama(query);
  const auto llava = std::find_if(runtime.models.begin(), runtime.models.end(),
                                  [](const auto& model) { return model.name == "llava:7b"; });
  ASSERT_NE(llava, runtime.models.end());
  ASSERT_TRUE(llava->shape);
  EXPECT_EQ(llava->shape->projector->weights_bytes, 624434368u);
}

}  // namespace
}  // namespace autocut::detect
