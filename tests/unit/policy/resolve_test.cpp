// The policy over a grid of machines and levels: backend, model and the main reason's code.
#include "policy/resolve.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "policy/ladder.hpp"
#include "policy/policy_text.hpp"
#include "policy_machines.hpp"

namespace autocut::policy {
namespace {

using core::Level;
using testing::machine;
using testing::MachineSpec;
using testing::Ollama;
using testing::Resolve;

const std::vector<std::string> kAllModels{"moondream:latest", "llava:7b", "qwen2.5vl:7b", "llama3.2:3b"};

struct Row {
  const char* name;
  MachineSpec spec;
  std::optional<Level> level;  // the detected class when absent
  Backend vision;
  const char* vision_model;  // "" for none
  const char* vision_reason;
  Backend planning;
  Backend editing;
};

class PolicyGrid : public ::testing::TestWithParam<Row> {};

TEST_P(PolicyGrid, ChoosesBackendModelAndReason) {
  const auto& row = GetParam();
  const auto profile = machine(row.spec);
  const auto policy = resolve(profile, {}, row.level.value_or(profile.profile_class));
  EXPECT_EQ(policy.vision.backend, row.vision) << row.name << ": " << to_string(policy.vision.backend);
  EXPECT_EQ(policy.vision.model.value_or(""), row.vision_model) << row.name;
  ASSERT_FALSE(policy.vision.reasons.empty()) << row.name;
  EXPECT_EQ(policy.vision.reasons.front().code, row.vision_reason) << row.name;
  EXPECT_EQ(policy.planning.backend, row.planning) << row.name << ": " << to_string(policy.planning.backend);
  EXPECT_EQ(policy.editing.backend, row.editing) << row.name << ": " << to_string(policy.editing.backend);
}

MachineSpec gpu(std::uint64_t mib, Ollama ollama = Ollama::running, std::vector<std::string> models = kAllModels) {
  MachineSpec spec;
  spec.gpu_mib = {mib};
  spec.ollama = ollama;
  spec.models = std::move(models);
  return spec;
}

MachineSpec with_keys(MachineSpec spec) {
  spec.openai_key = spec.deepseek_key = true;
  return spec;
}

MachineSpec original_example() {
  // The original report's machine: 24 threads, no GPU, no Ollama, both keys, DaVinci Resolve.
  MachineSpec spec;
  spec.openai_key = spec.deepseek_key = true;
  spec.resolve = Resolve::studio;
  return spec;
}

INSTANTIATE_TEST_SUITE_P(
    Table, PolicyGrid,
    ::testing::Values(
        Row{"original example", original_example(), std::nullopt, Backend::cloud, "gpt-4o", "no_local_vision_model",
            Backend::cloud, Backend::davinci_resolve},
        Row{"no GPU, nothing", MachineSpec{}, std::nullopt, Backend::builtin, "", "no_vision_anywhere", Backend::none,
            Backend::ffmpeg_software},
        Row{"6 GiB card", gpu(6144), std::nullopt, Backend::ollama_gpu, "moondream:latest", "model_fits_gpu",
            Backend::ollama_cpu, Backend::ffmpeg_software},
        Row{"8 GiB card", gpu(8188), std::nullopt, Backend::ollama_gpu, "llava:7b", "model_fits_gpu", Backend::ollama_cpu,
            Backend::ffmpeg_software},
        Row{"12 GiB card", gpu(12288), std::nullopt, Backend::ollama_gpu, "qwen2.5vl:7b", "model_fits_gpu",
            Backend::ollama_cpu, Backend::ffmpeg_software},
        Row{"24 GiB card plans beside vision", gpu(24564), std::nullopt, Backend::ollama_gpu, "qwen2.5vl:7b",
            "model_fits_gpu", Backend::ollama_gpu, Backend::ffmpeg_software},
        Row{"48 GiB card", with_keys(gpu(49140)), std::nullopt, Backend::ollama_gpu, "qwen2.5vl:7b", "model_fits_gpu",
            Backend::ollama_gpu, Backend::ffmpeg_software},
        Row{"24 GiB card held at CPU only", gpu(24564), Level::local_cpu_only, Backend::ollama_cpu, "moondream:latest",
            "small_model_on_cpu", Backend::ollama_cpu, Backend::ffmpeg_software},
        Row{"24 GiB card at HYBRID with keys", with_keys(gpu(24564)), Level::hybrid, Backend::cloud, "gpt-4o",
            "hybrid_cloud", Backend::cloud, Backend::ffmpeg_software},
        Row{"24 GiB card at HYBRID without keys", gpu(24564), Level::hybrid, Backend::builtin, "", "hybrid_no_key",
            Backend::ollama_cpu, Backend::ffmpeg_software},
        Row{"8 GiB card, Ollama not running", with_keys(gpu(8188, Ollama::installed)), std::nullopt, Backend::cloud,
            "gpt-4o", "no_local_vision_model", Backend::cloud, Backend::ffmpeg_software},
        Row{"8 GiB card, no vision model", gpu(8188, Ollama::running, {"llama3.2:3b"}), std::nullopt, Backend::builtin, "",
            "no_vision_anywhere", Backend::ollama_cpu, Backend::ffmpeg_software},
        Row{"CPU only with moondream", [] {
              auto spec = gpu(0, Ollama::running, {"moondream:latest"});
              spec.gpu_mib.clear();
              return spec;
            }(),
            std::nullopt, Backend::ollama_cpu,
            "moondream:latest", "small_model_on_cpu", Backend::none, Backend::ffmpeg_software},
        Row{"two cards", [] {
              auto spec = gpu(12288);
              spec.gpu_mib = {12288, 24564};
              return spec;
            }(),
            std::nullopt, Backend::ollama_gpu, "qwen2.5vl:7b", "model_fits_gpu", Backend::ollama_gpu, Backend::ffmpeg_software},
        Row{"unified memory", [] {
              auto spec = gpu(0);
              spec.gpu_mib.clear();
              spec.unified = true;
              return spec;
            }(),
            std::nullopt, Backend::ollama_gpu, "qwen2.5vl:7b", "model_fits_gpu", Backend::ollama_gpu, Backend::ffmpeg_software},
        Row{"free Resolve, working NVENC", [] {
              auto spec = gpu(8188);
              spec.resolve = Resolve::free;
              spec.nvenc_works = true;
              return spec;
            }(),
            std::nullopt, Backend::ollama_gpu, "llava:7b", "model_fits_gpu", Backend::ollama_cpu, Backend::ffmpeg_hardware},
        Row{"no ffmpeg, no Resolve", [] {
              MachineSpec spec;
              spec.ffmpeg = false;
              return spec;
            }(),
            std::nullopt, Backend::builtin, "", "no_vision_anywhere", Backend::none, Backend::none}));

TEST(Policy, UseLocalVisionFalseSendsVisionToTheCloudOnlyWhereAKeyExists) {
  PolicyConfig config;
  config.use_local_vision = false;
  const auto with_key = machine(with_keys(gpu(24564)));
  EXPECT_EQ(resolve(with_key, config, with_key.profile_class).vision.backend, Backend::cloud);
  EXPECT_EQ(resolve(with_key, config, with_key.profile_class).vision.reasons.front().code, "local_vision_off");
  const auto without = machine(gpu(24564));
  EXPECT_EQ(resolve(without, config, without.profile_class).vision.backend, Backend::ollama_gpu);
}

TEST(Policy, APinnedModelWinsWhenItFitsAndIsWarnedAboutWhenNot) {
  PolicyConfig config;
  config.local_vision_model = "llava:7b";
  const auto big = machine(gpu(24564));
  EXPECT_EQ(resolve(big, config, big.profile_class).vision.model, "llava:7b");

  config.local_vision_model = "qwen2.5vl:7b";
  const auto small = machine(gpu(6144));
  const auto policy = resolve(small, config, small.profile_class);
  EXPECT_EQ(policy.vision.model, "moondream:latest");
  const auto& reasons = policy.vision.reasons;
  EXPECT_TRUE(
      std::any_of(reasons.begin(), reasons.end(), [](const Note& n) { return n.code == "pinned_model_too_big"; }));

  config.local_vision_model = "llava:34b";
  const auto missing = resolve(big, config, big.profile_class).vision.reasons;
  EXPECT_TRUE(
      std::any_of(missing.begin(), missing.end(), [](const Note& n) { return n.code == "pinned_model_missing"; }));
}

TEST(Policy, TheSameInputGivesTheSamePolicy) {
  const auto profile = machine(with_keys(gpu(8188)));
  const auto a = resolve(profile, {}, profile.profile_class);
  const auto b = resolve(profile, {}, profile.profile_class);
  EXPECT_EQ(a.vision.model, b.vision.model);
  EXPECT_EQ(a.suggestions.size(), b.suggestions.size());
}

TEST(Policy, WeakerLevelsGetSmallerLimits) {
  const auto profile = machine(gpu(49140));
  const auto high = resolve(profile, {}, Level::local_gpu_high).vision.limits;
  const auto low = resolve(profile, {}, Level::local_gpu_low).vision.limits;
  EXPECT_GT(high.frames_per_scene, low.frames_per_scene);
  EXPECT_GT(high.image_max_side, low.image_max_side);
  EXPECT_GT(high.max_concurrent, low.max_concurrent);
}

TEST(Policy, SuggestsAModelThatFitsTheGpu) {
  const auto profile = machine(gpu(8188, Ollama::running, {}));
  const auto policy = resolve(profile, {}, profile.profile_class);
  ASSERT_FALSE(policy.suggestions.empty());
  EXPECT_EQ(policy.suggestions.front().code, "pull_vision_model_for_gpu");
  // qwen2.5vl:7b and llama3.2-vision need more than the 6.8 GiB left; minicpm-v:8b is the best that fits.
  EXPECT_EQ(policy.suggestions.front().values.at("model"), "minicpm-v:8b");
  EXPECT_EQ(policy.suggestions.front().values.at("gpu_gib"), "8");
}

// The fast detection pass leaves the AI servers and ffmpeg pending: nothing may be called missing before they answer.
TEST(Policy, WhatDependsOnAProbeStillRunningIsStillCheckingNeverAbsent) {
  MachineSpec spec;
  spec.slow_probes_pending = true;
  const auto profile = machine(spec);
  const auto policy = resolve(profile, {}, profile.profile_class);
  EXPECT_EQ(policy.vision.backend, Backend::builtin) << "vision always has somewhere to run";
  EXPECT_EQ(policy.vision.reasons.front().code, "runtimes_still_checking");
  EXPECT_EQ(policy.planning.backend, Backend::pending);
  EXPECT_EQ(policy.planning.reasons.front().code, "planner_still_checking");
  EXPECT_EQ(policy.editing.backend, Backend::pending);
  EXPECT_EQ(policy.editing.reasons.front().code, "editors_still_checking");
  for (const auto& note : policy.suggestions)
    for (const char* premature :
         {"install_ffmpeg", "pull_small_vision_model", "set_planning_key", "install_ollama", "set_vision_key"})
      EXPECT_NE(note.code, premature);
  const auto words = explain_policy(policy, core::Language::en);
  EXPECT_EQ(words.find("nowhere"), std::string::npos) << words;
  EXPECT_EQ(words.find("no editor"), std::string::npos) << words;
  EXPECT_NE(words.find("Editing: still checking"), std::string::npos) << words;
  EXPECT_NE(explain_policy(policy, core::Language::zh).find("剪辑: 检测中"), std::string::npos);
  EXPECT_EQ(policy_to_json(policy)["editing"]["backend"], "pending");

  // A cloud key decides planning at once: it does not wait on the AI servers.
  spec.deepseek_key = true;
  const auto keyed = machine(spec);
  EXPECT_EQ(resolve(keyed, {}, keyed.profile_class).planning.backend, Backend::cloud);
  // Once the probes have answered, what is missing is said to be missing.
  spec = {};
  spec.ffmpeg = false;
  const auto answered = machine(spec);
  EXPECT_EQ(resolve(answered, {}, answered.profile_class).editing.reasons.front().code, "no_editor");
}

TEST(EffectiveLevel, AFloorOnlyLowers) {
  EXPECT_EQ(effective_level(Level::local_gpu_high, std::nullopt), Level::local_gpu_high);
  EXPECT_EQ(effective_level(Level::local_gpu_high, Level::hybrid), Level::hybrid);
  EXPECT_EQ(effective_level(Level::local_cpu_only, Level::local_gpu_high), Level::local_cpu_only);
}

TEST(Ladder, DegradeStepsDownAndRestoreReturnsToTheDetectedClass) {
  const auto t0 = std::chrono::system_clock::from_time_t(1'800'000'000);
  Ladder ladder{Level::local_gpu_mid, std::nullopt, {}};
  ladder = degrade(ladder, "testing", t0);
  EXPECT_EQ(ladder.level(), Level::local_gpu_low);
  ladder = degrade(ladder, "again", t0);
  ladder = degrade(ladder, "again", t0);
  ladder = degrade(ladder, "at the bottom", t0);
  EXPECT_EQ(ladder.level(), Level::hybrid);
  ladder = restore(ladder, "done", t0);
  EXPECT_EQ(ladder.level(), Level::local_gpu_mid);
  ASSERT_EQ(ladder.history.size(), 5u);
  EXPECT_EQ(ladder.history[0].from, Level::local_gpu_mid);
  EXPECT_EQ(ladder.history[0].to, Level::local_gpu_low);
  EXPECT_EQ(ladder.history[0].reason, "testing");
  EXPECT_EQ(ladder.history[3].from, Level::hybrid);
  EXPECT_EQ(ladder.history[3].to, Level::hybrid);
  EXPECT_EQ(ladder.history[4].to, Level::local_gpu_mid);
}

}  // namespace
}  // namespace autocut::policy
