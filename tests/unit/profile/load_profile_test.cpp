#include "profile/load_profile.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/json_mapping.hpp"
#include "profile/build_profile.hpp"
#include "profile/profile_store.hpp"
#include "support/temp_dir.hpp"

namespace autocut::profile {
namespace {

using autocut::testing::read_text;
using autocut::testing::TempDir;
using json = nlohmann::ordered_json;

const auto kTime = std::chrono::system_clock::from_time_t(1770370200);  // 2026-02-06T09:30:00Z

// A machine with every kind of fact a document holds: runtimes with models, cloud keys, both editors, a cgroup.
core::RuntimeProfile rich_profile() {
  core::HostFacts facts;
  facts.cpu = core::CpuFacts{"Intel(R) Core(TM) i7-13700K",
                             "GenuineIntel",
                             "x86_64",
                             24,
                             16,
                             1,
                             8,
                             8,
                             {"avx", "avx2", "avx_vnni"},
                             5400.0,
                             false,
                             {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23}};
  facts.memory = core::MemoryFacts{34'144'000'000, 18'253'000'000, 8ull << 30, 7ull << 30};
  facts.cgroup = core::CgroupFacts{2,
                                   "/user.slice",
                                   24ull << 30,
                                   1ull << 30,
                                   core::CpuQuota{800000, 100000},
                                   std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7}};
  facts.pressure =
      core::PressureFacts{core::PsiResource{{1.5, 2.5, 3.5, 100}, std::nullopt},
                          core::PsiResource{{0, 0, 0, 0}, core::PsiWindow{0.1, 0.2, 0.3, 7}}, std::nullopt};
  facts.os = core::OsFacts{"6.1.0", "Debian GNU/Linux 12 (bookworm)", "docker", false};
  core::GpuFacts gpu;
  gpu.pci_address = "0000:01:00.0";
  gpu.vendor = core::GpuVendor::nvidia;
  gpu.vendor_id = 0x10de;
  gpu.device_id = 0x2684;
  gpu.name = "NVIDIA GeForce RTX 4090";
  gpu.uuid = "GPU-5c1f";
  gpu.kernel_driver = "nvidia";
  gpu.driver_version = "550.54";
  gpu.compute_capability = "8.9";
  gpu.memory_total_bytes = 24564ull << 20;
  gpu.memory_used_bytes = 1200ull << 20;
  gpu.memory_free_bytes = 23364ull << 20;
  gpu.utilization_percent = 3;
  gpu.temperature_celsius = 41;
  gpu.power_watts = 28.5;
  gpu.memory_bus_width_bits = 384;
  gpu.memory_clock_max_mhz = 10501;
  gpu.encoder_sessions = 1;
  gpu.encoder_capacity_percent = 82;
  gpu.sources = {"pci", "nvml"};
  facts.gpus.push_back(gpu);
  core::AiRuntime ollama{core::RuntimeKind::ollama, "http://127.0.0.1:11434", true, true, "0.5.7", {}, "", false};
  ollama.models.push_back({"llava:13b",
                           8'011'256'494,
                           "llama",
                           "13B",
                           "Q4_0",
                           {"completion", "vision"},
                           true,
                           false,
                           true,
                           9'500'000'000,
                           9'500'000'000});
  ollama.models.push_back({"remote:cloud",
                           std::nullopt,
                           std::nullopt,
                           std::nullopt,
                           std::nullopt,
                           {},
                           std::nullopt,
                           true,
                           false,
                           std::nullopt,
                           std::nullopt});
  facts.runtimes.push_back(ollama);
  facts.runtimes.push_back(
      {core::RuntimeKind::llama_cpp, "http://127.0.0.1:8080", false, false, std::nullopt, {}, "not running", false});
  facts.cloud = core::CloudFacts{{true, "https://api.openai.com/v1", "gpt-4o"},
                                 {false, "https://api.deepseek.com", "deepseek-chat"}};
  facts.resolve = core::ResolveFacts{"/opt/resolve", "19.0.3", true, true, true, true};
  facts.ffmpeg = core::FfmpegFacts{
      "/usr/bin/ffmpeg",
      "5.1.6",
      {"h264_nvenc"},
      {"cuda", "vaapi"},
      {{"h264_nvenc", true, ""}, {"libx264", false, "Unknown encoder"}},
      {{"cuda", "h264 8-bit", true, ""},
       {"cuda", "hevc 10-bit", false, "Failed setup for format cuda: hwaccel initialisation returned error."}},
      true};
  facts.probes = {{"cpu", core::ProbeState::ok, "fine", std::chrono::microseconds(12)},
                  {"ai-runtimes", core::ProbeState::pending, "still checking", {}},
                  {"pressure", core::ProbeState::absent, "no PSI", {}},
                  {"nvml", core::ProbeState::failed, "driver mismatch", {}}};
  return build_profile(facts, kTime);
}

TEST(ProfileFromDocument, GivesBackTheDocumentItWasReadFrom) {
  const auto profile = rich_profile();
  const auto document = json::parse(core::profile_to_json(profile).dump());
  const auto loaded = profile_from_document(document);
  ASSERT_TRUE(loaded.profile) << loaded.error;
  EXPECT_EQ(json::parse(core::profile_to_json(*loaded.profile).dump()), document);
  EXPECT_EQ(loaded.profile->fingerprint, profile.fingerprint);
  EXPECT_EQ(loaded.profile->detected_at, kTime);
}

// MIG instances are what a model is fitted on, and the memory bus bounds its token rate: both survive a saved profile.
TEST(ProfileFromDocument, KeepsTheMemoryBusEncoderAndMigInstances) {
  core::HostFacts facts;
  core::GpuFacts a100;
  a100.pci_address = "0000:41:00.0";
  a100.vendor = core::GpuVendor::nvidia;
  a100.name = "NVIDIA A100-SXM4-40GB";
  a100.memory_total_bytes = 40960ull << 20;
  a100.memory_bus_width_bits = 5120;
  a100.memory_clock_max_mhz = 1215;
  a100.mig_enabled = true;
  a100.mig_instances = {{1, 0, "MIG-a1000001", "3g.20gb", 19968ull << 20, 19456ull << 20},
                        {5, 0, std::nullopt, "1g.5gb", 4864ull << 20, std::nullopt}};
  a100.sources = {"nvml"};
  facts.gpus.push_back(a100);
  const auto document = json::parse(core::profile_to_json(build_profile(facts, kTime)).dump());
  EXPECT_EQ(document["gpus"][0]["memory_bandwidth_bytes_per_s"], 1'555'200'000'000ull);
  EXPECT_TRUE(document["gpus"][0]["encoder_sessions"].is_null()) << "unknown stays unknown";
  const auto loaded = profile_from_document(document);
  ASSERT_TRUE(loaded.profile) << loaded.error;
  EXPECT_EQ(json::parse(core::profile_to_json(*loaded.profile).dump()), document);
  const auto& gpu = loaded.profile->facts.gpus.at(0);
  EXPECT_EQ(gpu.memory_bus_width_bits, 5120);
  EXPECT_EQ(gpu.memory_clock_max_mhz, 1215);
  EXPECT_TRUE(gpu.mig_enabled);
  ASSERT_EQ(gpu.mig_instances.size(), 2u);
  EXPECT_EQ(gpu.mig_instances[1].gpu_instance, 5);
  EXPECT_EQ(gpu.mig_instances[1].profile, "1g.5gb");
  EXPECT_FALSE(gpu.mig_instances[1].uuid);
  EXPECT_EQ(gpu.mig_instances[0].memory_free_bytes, 19456ull << 20);
}

// Every captured machine of the end-to-end goldens: GPUs of each vendor, unified memory, containers, no PSI.
TEST(ProfileFromDocument, ReadsBackEveryGoldenMachine) {
  int read = 0;
  for (const auto& entry : std::filesystem::directory_iterator(AUTOCUT_GOLDEN_DIR)) {
    if (entry.path().extension() != ".json") continue;
    auto text = read_text(entry.path());
    text.replace(text.find("<detected_at>"), 13, "2026-02-06T09:30:00Z");
    const auto document = json::parse(text);
    const auto loaded = profile_from_document(document);
    ASSERT_TRUE(loaded.profile) << entry.path().filename() << ": " << loaded.error;
    EXPECT_EQ(json::parse(core::profile_to_json(*loaded.profile).dump()), document) << entry.path().filename();
    ++read;
  }
  EXPECT_GE(read, 10);
}

// The conclusions are derived again from the facts, with the settings of the reader.
TEST(ProfileFromDocument, DerivesTheClassAgainWithTheReadersSettings) {
  const auto document = json::parse(core::profile_to_json(rich_profile()).dump());
  EXPECT_EQ(document["profile_class"], "LOCAL_GPU_HIGH");
  ClassifySettings stricter;
  stricter.high_gib = 32;
  const auto loaded = profile_from_document(document, stricter);
  ASSERT_TRUE(loaded.profile) << loaded.error;
  EXPECT_EQ(loaded.profile->profile_class, core::Level::local_gpu_mid);
}

struct BadField {
  const char* pointer;
  json value;
  const char* named;
};

class ProfileFromDocumentRefuses : public ::testing::TestWithParam<BadField> {};

TEST_P(ProfileFromDocumentRefuses, NamingTheField) {
  auto document = json::parse(core::profile_to_json(rich_profile()).dump());
  document[json::json_pointer(GetParam().pointer)] = GetParam().value;
  const auto loaded = profile_from_document(document);
  EXPECT_FALSE(loaded.profile);
  EXPECT_NE(loaded.error.find(GetParam().named), std::string::npos) << loaded.error;
}

INSTANTIATE_TEST_SUITE_P(
    Fields, ProfileFromDocumentRefuses,
    ::testing::Values(BadField{"/cpu/threads", "24", "\"cpu.threads\" is not a whole number"},
                      BadField{"/cpu/allowed_cpus", "0-", "\"cpu.allowed_cpus\" is not a CPU list"},
                      BadField{"/memory/host_total_bytes", -1, "\"memory.host_total_bytes\""},
                      BadField{"/gpus/0/vendor", "matrox", "\"gpus[0].vendor\" is not a known name"},
                      BadField{"/gpus/0/vendor_id", "10de0", "\"gpus[0].vendor_id\" is not four hexadecimal"},
                      BadField{"/gpus/0/mig_instances", json::object(), "\"gpus[0].mig_instances\" is not a list"},
                      BadField{"/runtimes/0/models/0/name", nullptr, "\"runtimes[0].models[0].name\""},
                      BadField{"/runtimes", json::object(), "\"runtimes\" is not a list"},
                      BadField{"/probes/cpu/status", "fine", "\"probes.cpu.status\" is not ok, absent"},
                      BadField{"/detected_at", "yesterday", "\"detected_at\" is not a UTC time"},
                      BadField{"/editors/ffmpeg/trials/0", 7, "\"editors.ffmpeg.trials[0]\" is not an object"}));

TEST(LoadProfile, ReadsWhatSaveWrote) {
  TempDir dir;
  const auto path = dir.path() / "runtime_profile.json";
  ASSERT_FALSE(save_profile(path, rich_profile()));
  const auto loaded = load_profile(path, {}, kTime);
  ASSERT_TRUE(loaded.profile) << loaded.error;
  EXPECT_EQ(core::profile_to_json_text(*loaded.profile), core::profile_to_json_text(rich_profile()));
}

TEST(LoadProfile, KeepsABadFileAsideAndSaysWhere) {
  TempDir dir;
  const auto path = dir.path() / "runtime_profile.json";
  auto document = json::parse(core::profile_to_json(rich_profile()).dump());
  document["gpus"][0]["memory_total_bytes"] = "a lot";
  std::ofstream(path) << document.dump();
  const auto loaded = load_profile(path, {}, kTime);
  EXPECT_FALSE(loaded.profile);
  EXPECT_FALSE(std::filesystem::exists(path));
  const auto aside = dir.path() / "runtime_profile.json.corrupt-20260206T093000Z";
  EXPECT_TRUE(std::filesystem::exists(aside));
  EXPECT_EQ(read_text(aside), document.dump()) << "the bad file is kept as it was";
  EXPECT_NE(loaded.error.find("gpus[0].memory_total_bytes"), std::string::npos) << loaded.error;
  EXPECT_NE(loaded.error.find(aside.string()), std::string::npos) << loaded.error;
}

TEST(LoadProfile, SetsTruncatedTextAsideAsSavingWould) {
  TempDir dir;
  const auto path = dir.path() / "runtime_profile.json";
  std::ofstream(path) << core::profile_to_json_text(rich_profile()).substr(0, 300);
  const auto loaded = load_profile(path, {}, kTime);
  EXPECT_FALSE(loaded.profile);
  EXPECT_NE(loaded.error.find("not valid JSON"), std::string::npos) << loaded.error;
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "runtime_profile.json.corrupt-20260206T093000Z"));
}

TEST(LoadProfile, SaysWhenThereIsNoFile) {
  TempDir dir;
  const auto loaded = load_profile(dir.path() / "runtime_profile.json", {}, kTime);
  EXPECT_FALSE(loaded.profile);
  EXPECT_NE(loaded.error.find("does not exist"), std::string::npos) << loaded.error;
}

}  // namespace
}  // namespace autocut::profile
