// The policy's choice of model from the models' own metadata (the recorded /api/show answers of llava, moondream,
// qwen2.5vl and gemma3): whole, partial or no fit by the memory at hand, MIG instances, the editor's share of the
// GPU, and measurements replacing predictions.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "detect/runtimes/runtime_json.hpp"
#include "policy/model_choice.hpp"
#include "policy/policy_text.hpp"
#include "policy/resolve.hpp"
#include "profile/build_profile.hpp"
#include "support/recorded.hpp"

namespace autocut::policy {
namespace {

using autocut::testing::recorded;
using model_fit::FitDevice;

constexpr std::uint64_t kMiB = 1024ull * 1024;
constexpr std::uint64_t kGiB = 1024 * kMiB;

struct Recorded {
  const char* name;
  const char* show;
  std::uint64_t size;  // as /api/tags lists it
};
// llava and moondream: the manifests' layers summed; gemma3:4b and qwen2.5vl: the model blob (their other layers add
// a few kilobytes); gemma3:12b: the 8.1 GB ollama.com lists.
constexpr Recorded kModels[] = {{"moondream:latest", "ollama-show-moondream.json", 1'738'451'197},
                                {"llava:7b", "ollama-show-llava.json", 4'733'363'377},
                                {"gemma3:4b", "ollama-show-gemma3.json", 3'338'792'448},
                                {"gemma3:12b", "ollama-show-gemma3-12b.json", 8'100'000'000},
                                {"qwen2.5vl:7b", "ollama-show-qwen2.5vl.json", 5'969'233'408}};

core::AiModel model(const std::string& name) {
  for (const auto& entry : kModels)
    if (name == entry.name) {
      const auto shown = detect::parse_ollama_show(recorded(entry.show));
      core::AiModel result;
      result.name = name;
      result.size_bytes = entry.size;
      result.capabilities = shown->capabilities;
      result.vision = true;
      result.shape = shown->shape;
      return result;
    }
  ADD_FAILURE() << name;
  return {};
}

std::vector<core::AiRuntime> ollama_with(const std::vector<std::string>& names) {
  core::AiRuntime ollama;
  ollama.url = "http://127.0.0.1:11434";
  ollama.running = ollama.installed = true;
  for (const auto& name : names) ollama.models.push_back(model(name));
  return {ollama};
}

FitNeeds one_frame() { return {1, 768, 8192, model_fit::KvCacheType::f16}; }

std::vector<FitDevice> gpu(std::uint64_t usable) { return {{"gpu 0000:01:00.0", "GPU", usable, {}}}; }

TEST(ModelFitPolicy, TheSameModelFitsWholePartlyOrNotAtAllByTheMemoryAtHand) {
  const auto gemma = model("gemma3:12b");
  const PolicyConfig config;
  const auto on24 = fit_model(gemma, gpu(24 * kGiB), true, one_frame(), config);
  const auto on8 = fit_model(gemma, gpu(8 * kGiB), true, one_frame(), config);
  const auto on4 = fit_model(gemma, gpu(4 * kGiB), true, one_frame(), config);
  ASSERT_TRUE(on24 && on8 && on4);
  EXPECT_EQ(on24->basis, "metadata");
  EXPECT_EQ(on24->layers, 49);
  EXPECT_EQ(on24->gpu_layers, 49);
  EXPECT_EQ(on24->context, 4096) << "one image of 256 tokens and the prompt: the least context";
  EXPECT_LT(on8->gpu_layers, 49);
  EXPECT_GT(on8->gpu_share, 0.5) << "most of it on the GPU";
  EXPECT_LT(on4->gpu_share, 0.5);
  EXPECT_EQ(on24->predicted_bytes, on8->predicted_bytes) << "the estimate does not depend on where it goes";

  // Chosen: whole on 24 GiB; on 8 GiB a smaller one that fits whole beats it; alone, it runs partly offloaded; on
  // 4 GiB a smaller one again, since most of it would sit on the CPU.
  const auto all = ollama_with({"moondream:latest", "gemma3:4b", "gemma3:12b"});
  const auto choose = [&](const std::vector<core::AiRuntime>& runtimes, std::uint64_t usable) {
    return choose_vision_model(runtimes, gpu(usable), true, one_frame(), config, true);
  };
  EXPECT_EQ(choose(all, 24 * kGiB).choice->model->name, "gemma3:12b");
  EXPECT_EQ(choose(all, 8 * kGiB).choice->model->name, "gemma3:4b");
  EXPECT_FALSE(choose(all, 8 * kGiB).partial);
  const auto alone = choose(ollama_with({"gemma3:12b"}), 8 * kGiB);
  ASSERT_TRUE(alone.choice);
  EXPECT_TRUE(alone.partial);
  EXPECT_EQ(choose(all, 4 * kGiB).choice->model->name, "moondream:latest");
  EXPECT_FALSE(choose(ollama_with({"gemma3:12b"}), 4 * kGiB).choice) << "under half on the GPU is not offered";
}

TEST(ModelFitPolicy, FramesAreCutBeforeTheModelIsGivenUp) {
  // qwen2.5vl takes a 1280 px frame as 1196 tokens: three need a 5k context and encode at ~1.7 GB each.
  const auto qwen = model("qwen2.5vl:7b");
  const FitNeeds three{3, 1280, 8192, model_fit::KvCacheType::f16};
  const PolicyConfig config;
  const auto roomy = fit_model(qwen, gpu(20 * kGiB), true, three, config);
  ASSERT_TRUE(roomy);
  EXPECT_EQ(roomy->frames, 3);
  EXPECT_EQ(roomy->context, 6144) << "3 × 1196 + 1536 tokens, in steps of 1024";
  // Where three frames' context does not fit whole, the most that do: two frames' 3928 tokens take the 4k context
  // one frame would.
  const auto one = fit_model(qwen, gpu(20 * kGiB), true, {1, 1280, 8192, model_fit::KvCacheType::f16}, config);
  EXPECT_EQ(one->context, 4096);
  const auto between = (one->predicted_bytes + roomy->predicted_bytes) / 2;
  const auto tight = fit_model(qwen, gpu(between), true, three, config);
  EXPECT_EQ(tight->frames, 2);
  EXPECT_EQ(tight->context, 4096);
  EXPECT_EQ(tight->gpu_layers, tight->layers);
}

TEST(ModelFitPolicy, AMeasurementAtTheSameContextReplacesThePrediction) {
  auto gemma = model("gemma3:4b");
  PolicyConfig config;
  const auto predicted = fit_model(gemma, gpu(6 * kGiB), true, one_frame(), config);
  ASSERT_TRUE(predicted);
  EXPECT_EQ(predicted->gpu_layers, predicted->layers);
  EXPECT_FALSE(predicted->measured_bytes);

  config.measured = {{"gemma3:4b", 4096, 7 * kGiB, 6 * kGiB}};
  const auto measured = fit_model(gemma, gpu(6 * kGiB), true, one_frame(), config);
  EXPECT_EQ(measured->measured_bytes, 7 * kGiB);
  EXPECT_EQ(measured->predicted_bytes, predicted->predicted_bytes) << "the prediction is kept beside the measure";
  EXPECT_LT(measured->gpu_layers, measured->layers) << "7 GiB measured do not fit 6";

  config.measured = {{"gemma3:4b", 32768, 7 * kGiB, std::nullopt}};
  EXPECT_FALSE(fit_model(gemma, gpu(6 * kGiB), true, one_frame(), config)->measured_bytes)
      << "measured at another context: says nothing about this one";

  // Loaded now, as /api/ps reports it.
  gemma.loaded = true;
  gemma.loaded_bytes = 5 * kGiB;
  gemma.loaded_context = 4096;
  config.measured.clear();
  EXPECT_EQ(fit_model(gemma, gpu(6 * kGiB), true, one_frame(), config)->measured_bytes, 5 * kGiB);

  // Loaded on the GPU, its 5 GiB are among what the GPU reports used: 1 GiB free still holds it.
  gemma.loaded_vram_bytes = 5 * kGiB;
  const auto in_place = fit_model(gemma, gpu(1 * kGiB), true, one_frame(), config);
  EXPECT_EQ(in_place->gpu_layers, in_place->layers);
  gemma.loaded_vram_bytes = 0;
  EXPECT_LT(fit_model(gemma, gpu(1 * kGiB), true, one_frame(), config)->gpu_layers, in_place->layers)
      << "loaded on the CPU: it frees nothing on the GPU";
}

// A machine from GPU facts and the recorded models, through the real profile building.
core::RuntimeProfile machine(std::vector<core::GpuFacts> gpus, const std::vector<std::string>& models,
                             bool nvenc = false) {
  core::HostFacts facts;
  facts.cpu = core::CpuFacts{};
  facts.cpu->threads = 16;
  facts.memory = core::MemoryFacts{64 * kGiB, 60 * kGiB, 0, 0};
  facts.gpus = std::move(gpus);
  facts.runtimes = ollama_with(models);
  core::FfmpegFacts ffmpeg;
  ffmpeg.path = "/usr/bin/ffmpeg";
  ffmpeg.trials = {{"libx264", true, ""}, {"h264_nvenc", nvenc, nvenc ? "" : "no device"}};
  facts.ffmpeg = ffmpeg;
  return profile::build_profile(facts, {});
}

core::GpuFacts nvidia(const std::string& address, std::uint64_t total, std::uint64_t free) {
  core::GpuFacts gpu;
  gpu.pci_address = address;
  gpu.vendor = core::GpuVendor::nvidia;
  gpu.name = "NVIDIA " + address;
  gpu.memory_total_bytes = total;
  gpu.memory_free_bytes = free;
  gpu.memory_used_bytes = total - free;
  gpu.memory_bus_width_bits = 384;
  gpu.memory_clock_max_mhz = 10501;
  gpu.sources = {"nvml"};
  return gpu;
}

TEST(ModelFitPolicy, TheReasonSaysTheContextAndTheMemory) {
  const auto profile = machine({nvidia("0000:01:00.0", 24 * kGiB, 23 * kGiB)}, {"gemma3:12b"});
  const auto policy = resolve(profile, {}, profile.profile_class);
  EXPECT_EQ(policy.vision.backend, Backend::ollama_gpu);
  ASSERT_TRUE(policy.vision.fit);
  EXPECT_EQ(policy.vision.reasons.front().code, "model_fits_gpu_at_context");
  const auto text = sentence(policy.vision.reasons.front(), core::Language::en);
  EXPECT_NE(text.find("gemma3:12b at 4k context: "), std::string::npos) << text;
  EXPECT_NE(text.find(" GiB of 22.5 usable on NVIDIA 0000:01:00.0"), std::string::npos) << text;
  EXPECT_EQ(policy.vision.limits.context_tokens, policy.vision.fit->context) << "the runtime is told the context";
  // 1008 GB/s over the weights and cache read per token.
  ASSERT_TRUE(policy.vision.fit->tokens_per_second);
  const double bytes = static_cast<double>(policy.vision.fit->weights_bytes + policy.vision.fit->kv_cache_bytes);
  EXPECT_NEAR(*policy.vision.fit->tokens_per_second, 10501e6 * 2 * 384 / 8 / bytes, 0.1);

  const auto document = policy_to_json(policy);
  const auto& fit = document["vision"]["fit"];
  EXPECT_EQ(fit["basis"], "metadata");
  EXPECT_EQ(fit["predicted_bytes"].get<std::uint64_t>(), policy.vision.fit->predicted_bytes);
  EXPECT_TRUE(fit["measured_bytes"].is_null());
  EXPECT_EQ(fit["devices"][0]["device"], "gpu 0000:01:00.0");
  EXPECT_EQ(document["vision"]["limits"]["context_tokens"], 4096);
}

TEST(ModelFitPolicy, AModelTooLargeForOneCardIsSplitAcrossTwoByTheirRoom) {
  // 8 GiB and 6 GiB free: gemma3:12b (about 10 GiB with one image) fits neither alone.
  const auto profile = machine(
      {nvidia("0000:01:00.0", 10 * kGiB, 8 * kGiB), nvidia("0000:02:00.0", 8 * kGiB, 6 * kGiB)}, {"gemma3:12b"});
  const auto policy = resolve(profile, {}, core::Level::local_gpu_mid);
  ASSERT_EQ(policy.vision.backend, Backend::ollama_gpu);
  ASSERT_TRUE(policy.vision.fit);
  ASSERT_EQ(policy.vision.fit->devices.size(), 2u);
  EXPECT_EQ(policy.vision.fit->gpu_layers, policy.vision.fit->layers);
  EXPECT_EQ(policy.vision.fit->devices[0].device, "gpu 0000:01:00.0");
  EXPECT_LE(policy.vision.fit->devices[0].bytes, 8 * kGiB - 512 * kMiB);
  EXPECT_LE(policy.vision.fit->devices[1].bytes, 6 * kGiB - 512 * kMiB);
  bool said = false;
  for (const auto& reason : policy.vision.reasons) said = said || reason.code == "model_split";
  EXPECT_TRUE(said);
}

TEST(ModelFitPolicy, AMigInstanceIsFittedOnItsOwnMemory) {
  auto a100 = nvidia("0000:41:00.0", 40960 * kMiB, 40960 * kMiB - 4608 * kMiB);
  a100.name = "NVIDIA A100-SXM4-40GB";
  a100.mig_enabled = true;
  a100.mig_instances = {{1, 0, "MIG-a", "3g.20gb", 19968 * kMiB, 19456 * kMiB},
                        {5, 0, "MIG-b", "1g.5gb", 4864 * kMiB, 4864 * kMiB},
                        {6, 0, "MIG-c", "1g.5gb", 4864 * kMiB, 768 * kMiB}};
  const auto profile = machine({a100}, {"moondream:latest", "gemma3:12b"});
  EXPECT_EQ(profile.gpu_capacity.front().class_memory_bytes, 19968 * kMiB) << "the largest instance, not the card";
  const auto policy = resolve(profile, {}, profile.profile_class);
  EXPECT_EQ(policy.vision.model, "gemma3:12b");
  EXPECT_EQ(policy.vision.device, "gpu 0000:41:00.0 mig 1/0");
  EXPECT_EQ(policy.vision.fit->usable_bytes, 19456 * kMiB - 512 * kMiB);
  EXPECT_NE(sentence(policy.vision.reasons.front(), core::Language::en).find("A100-SXM4-40GB MIG 3g.20gb"),
            std::string::npos);

  // Only the small instances left: gemma3:12b does not go across them; moondream fits one.
  a100.mig_instances.erase(a100.mig_instances.begin());
  const auto small = machine({a100}, {"moondream:latest", "gemma3:12b"});
  const auto small_policy = resolve(small, {}, core::Level::local_gpu_low);
  EXPECT_EQ(small_policy.vision.model, "moondream:latest");
  EXPECT_EQ(small_policy.vision.device, "gpu 0000:41:00.0 mig 5/0");
}

TEST(ModelFitPolicy, TheEditorsShareOfTheGpuChangesTheChoice) {
  // Room for gemma3:4b whole with nothing else on the card, not with an NVENC session's reserve beside it.
  const auto need = fit_model(model("gemma3:4b"), gpu(64 * kGiB), true, one_frame(), {})->predicted_bytes;
  const auto free = need + 512 * kMiB + 400 * kMiB;
  const auto alone = machine({nvidia("0000:01:00.0", free, free)}, {"moondream:latest", "gemma3:4b"});
  const auto editing = machine({nvidia("0000:01:00.0", free, free)}, {"moondream:latest", "gemma3:4b"}, true);
  const auto level = core::Level::local_gpu_low;
  EXPECT_EQ(resolve(alone, {}, level).vision.model, "gemma3:4b");
  const auto shared = resolve(editing, {}, level);
  EXPECT_EQ(shared.editing.model, "h264_nvenc");
  EXPECT_EQ(shared.vision.model, "moondream:latest");
  EXPECT_EQ(shared.vision.fit->reserved_bytes, 768 * kMiB);
  bool said = false;
  for (const auto& reason : shared.vision.reasons) said = said || reason.code == "editor_reserve";
  EXPECT_TRUE(said);
  // Configured smaller, it fits again.
  PolicyConfig config;
  config.editor_gpu_reserve_bytes = 256 * kMiB;
  EXPECT_EQ(resolve(editing, config, level).vision.model, "gemma3:4b");
}

}  // namespace
}  // namespace autocut::policy
