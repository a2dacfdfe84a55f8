#include "profile/explain_profile.hpp"

#include <gtest/gtest.h>

#include "profile/build_profile.hpp"

namespace autocut::profile {
namespace {

constexpr std::uint64_t kGiB = 1024ull * 1024 * 1024;

core::RuntimeProfile original_example() {
  // The machine in the original report: 16 cores, 24 threads, 31.8 GB with 17.0 GB available, no GPU.
  core::HostFacts facts;
  facts.cpu = core::CpuFacts{};
  facts.cpu->model = "Intel(R) Core(TM) i7-13700K";
  facts.cpu->threads = 24;
  facts.cpu->cores = 16;
  facts.cpu->performance_cores = 8;
  facts.cpu->efficiency_cores = 8;
  facts.cpu->isa = {"avx2", "avx_vnni"};
  facts.memory = core::MemoryFacts{static_cast<std::uint64_t>(31.8 * kGiB), 17 * kGiB, 0, 0};
  facts.os = core::OsFacts{"6.1.0-18-amd64", "Debian GNU/Linux 12 (bookworm)", std::nullopt, false};
  return build_profile(facts, {});
}

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

TEST(ExplainProfile, EnglishSaysWhatWasFoundAndTheClass) {
  const auto text = explain_profile(original_example(), core::Language::en);
  EXPECT_TRUE(contains(text, "🧠 Runtime mode")) << text;
  EXPECT_TRUE(contains(text, "- GPU: none detected")) << text;
  EXPECT_TRUE(contains(text, "16 cores (8P + 8E), 24 threads (ultra performance)")) << text;
  EXPECT_TRUE(contains(text, "- Memory: 31.8 GiB (17.0 GiB available)")) << text;
  EXPECT_TRUE(contains(text, "📊 Profile class: LOCAL_CPU_ONLY")) << text;
  EXPECT_TRUE(contains(text, "avx2, avx_vnni")) << text;
  EXPECT_FALSE(contains(text, "Container")) << text;
}

TEST(ExplainProfile, ChineseKeepsTheOriginalWording) {
  const auto text = explain_profile(original_example(), core::Language::zh);
  EXPECT_TRUE(contains(text, "🧠 系统运行模式")) << text;
  EXPECT_TRUE(contains(text, "- 未检测到独立显卡")) << text;
  EXPECT_TRUE(contains(text, "24 线程")) << text;
  EXPECT_TRUE(contains(text, "(ultra 性能)")) << text;
  EXPECT_TRUE(contains(text, "- 内存: 31.8GiB (可用 17.0GiB)")) << text;
  EXPECT_TRUE(contains(text, "📊 运行级别: LOCAL_CPU_ONLY")) << text;
}

TEST(ExplainProfile, ContainerLimitsAndFailedProbesAreNamed) {
  auto profile = original_example();
  profile.facts.os->container = "docker";
  profile.facts.cgroup = core::CgroupFacts{};
  profile.facts.cgroup->memory_limit_bytes = 4 * kGiB;
  profile.facts.cgroup->memory_working_set_bytes = kGiB;
  profile.facts.cgroup->cpu_quota = core::CpuQuota{150000, 100000};
  profile.facts.probes.push_back(
      {"pressure", core::ProbeState::failed, "/proc/pressure/memory: unrecognised format", {}});
  profile = build_profile(profile.facts, {});
  const auto text = explain_profile(profile, core::Language::en);
  EXPECT_TRUE(contains(text, "- Memory: 4.0 GiB (3.0 GiB available), limited by the container (host 31.8 GiB)"))
      << text;
  EXPECT_TRUE(contains(text, "1.5 CPUs usable here")) << text;
  EXPECT_TRUE(contains(text, "- Container: docker; cgroup v2, memory ≤ 4.0 GiB, CPU ≤ 1.5")) << text;
  EXPECT_TRUE(contains(text, "- ⚠ pressure probe failed: /proc/pressure/memory: unrecognised format")) << text;
}

TEST(ExplainProfile, CorruptHostTextIsMadePrintable) {
  auto profile = original_example();
  profile.facts.cpu->model = std::string("Xeon\xff\x00\x1b[31m", 11);
  const auto text = explain_profile(profile, core::Language::en);
  EXPECT_TRUE(contains(text, "Xeon\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD[31m")) << text;
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
}

TEST(ExplainProfile, MigInstancesAndOpenEncoderSessionsAreSaid) {
  auto facts = original_example().facts;
  core::GpuFacts a100;
  a100.pci_address = "0000:41:00.0";
  a100.vendor = core::GpuVendor::nvidia;
  a100.name = "NVIDIA A100-SXM4-40GB";
  a100.kernel_driver = "nvidia";
  a100.memory_total_bytes = 40 * kGiB;
  a100.mig_enabled = true;
  a100.mig_instances = {{1, 0, "MIG-a", "3g.20gb", 20 * kGiB, 19 * kGiB}, {5, 0, "MIG-b", "1g.5gb", 5 * kGiB, kGiB}};
  core::GpuFacts rtx = a100;
  rtx.pci_address = "0000:01:00.0";
  rtx.name = "NVIDIA GeForce RTX 4060";
  rtx.memory_total_bytes = 8 * kGiB;
  rtx.memory_free_bytes = 6 * kGiB;
  rtx.mig_enabled = false;
  rtx.mig_instances.clear();
  rtx.encoder_sessions = 2;
  rtx.encoder_capacity_percent = 64;
  facts.gpus = {a100, rtx};
  const auto profile = build_profile(facts, {});
  const auto text = explain_profile(profile, core::Language::en);
  EXPECT_TRUE(contains(text, "MIG on, each instance a GPU of its own: 3g.20gb (19.0 GiB free), 1g.5gb (1.0 GiB free)"))
      << text;
  EXPECT_TRUE(contains(text, "2 video encoder session(s) open, 64% of H.264 encoding left")) << text;
  const auto chinese = explain_profile(profile, core::Language::zh);
  EXPECT_TRUE(contains(chinese, "已启用 MIG")) << chinese;
  EXPECT_TRUE(contains(chinese, "2 个视频编码会话进行中")) << chinese;
}

TEST(ExplainProfile, OneCoreIsSingular) {
  auto profile = original_example();
  profile.facts.cpu->cores = 1;
  profile.facts.cpu->performance_cores.reset();
  EXPECT_TRUE(contains(explain_profile(profile, core::Language::en), "1 core, 24 threads"));
}

TEST(ExplainProfile, NothingDetectedStillGivesTheClass) {
  const auto text = explain_profile(build_profile({}, {}), core::Language::en);
  EXPECT_TRUE(contains(text, "LOCAL_CPU_ONLY")) << text;
  EXPECT_FALSE(contains(text, "- CPU:")) << text;
}

}  // namespace
}  // namespace autocut::profile
