#include "policy/policy_text.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "policy/resolve.hpp"
#include "policy_machines.hpp"

namespace autocut::policy {
namespace {

using testing::machine;
using testing::MachineSpec;

TEST(PolicyText, EveryNoteTheResolverGivesHasASentenceInBothLanguages) {
  // Every machine and level of a small grid: no code may reach a person untranslated.
  for (const bool keys : {false, true})
    for (const auto ollama : {testing::Ollama::absent, testing::Ollama::installed, testing::Ollama::running})
      for (const auto resolve_state : {testing::Resolve::absent, testing::Resolve::free, testing::Resolve::studio})
        for (const std::uint64_t mib : {0ull, 6144ull, 24564ull}) {
          MachineSpec spec;
          if (mib) spec.gpu_mib = {mib};
          spec.ollama = ollama;
          spec.models = {"moondream:latest", "llama3.2:3b"};
          spec.openai_key = spec.deepseek_key = keys;
          spec.resolve = resolve_state;
          const auto profile = machine(spec);
          for (const auto level : {core::Level::local_gpu_high, core::Level::local_cpu_only, core::Level::hybrid}) {
            const auto policy = resolve(profile, {}, level);
            std::vector<Note> notes = policy.suggestions;
            for (const auto* task : {&policy.vision, &policy.planning, &policy.editing})
              notes.insert(notes.end(), task->reasons.begin(), task->reasons.end());
            for (const auto& note : notes) {
              EXPECT_NE(sentence(note, core::Language::en), note.code) << note.code;
              EXPECT_NE(sentence(note, core::Language::zh), note.code) << note.code;
              EXPECT_EQ(sentence(note, core::Language::en).find('{'), std::string::npos)
                  << note.code << " left a placeholder";
            }
          }
        }
}

TEST(PolicyText, TheOriginalExampleReadsAsItDid) {
  MachineSpec spec;
  spec.openai_key = spec.deepseek_key = true;
  spec.resolve = testing::Resolve::studio;
  const auto profile = machine(spec);
  const auto policy = resolve(profile, {}, profile.profile_class);
  const auto english = explain_policy(policy, core::Language::en);
  EXPECT_NE(english.find("🎬 Execution policy: LOCAL_CPU_ONLY"), std::string::npos) << english;
  EXPECT_NE(english.find("- Vision: the cloud · gpt-4o"), std::string::npos) << english;
  EXPECT_NE(english.find("- Planning: the cloud · deepseek-chat"), std::string::npos) << english;
  EXPECT_NE(english.find("- Editing: DaVinci Resolve"), std::string::npos) << english;
  const auto chinese = explain_policy(policy, core::Language::zh);
  EXPECT_NE(chinese.find("- 视觉: 云端 · gpt-4o"), std::string::npos) << chinese;
  EXPECT_NE(chinese.find("安装 Ollama 以使用本地视觉模型（零成本）"), std::string::npos) << chinese;
}

TEST(PolicyText, JsonCarriesCodesValuesAndLimits) {
  MachineSpec spec;
  spec.gpu_mib = {8188};
  spec.ollama = testing::Ollama::running;
  spec.models = {"llava:7b"};
  const auto profile = machine(spec);
  const auto document = policy_to_json(resolve(profile, {}, profile.profile_class));
  EXPECT_EQ(document["level"], "LOCAL_GPU_MID");
  EXPECT_EQ(document["vision"]["backend"], "ollama-gpu");
  EXPECT_EQ(document["vision"]["model"], "llava:7b");
  EXPECT_EQ(document["vision"]["device"], "gpu 0000:01:00.0");
  EXPECT_EQ(document["vision"]["reasons"][0]["code"], "model_fits_gpu");
  EXPECT_EQ(document["vision"]["reasons"][0]["values"]["model"], "llava:7b");
  EXPECT_EQ(document["vision"]["limits"]["frames_per_scene"], 3);
}

}  // namespace
}  // namespace autocut::policy
