#include "detect/gpu/gpu_sampler.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "detect/detect_all.hpp"
#include "support/temp_dir.hpp"

namespace autocut::detect {
namespace {

using autocut::testing::TempDir;

constexpr std::uint64_t kMiB = 1024ull * 1024;

core::GpuFacts amd_gpu() {
  core::GpuFacts gpu;
  gpu.pci_address = "0000:03:00.0";
  gpu.vendor = core::GpuVendor::amd;
  gpu.kernel_driver = "amdgpu";
  return gpu;
}

void write_amd_device(const TempDir& root, const std::string& used) {
  const std::string base = "sys/bus/pci/devices/0000:03:00.0/";
  root.write(base + "class", "0x030000\n");
  root.write(base + "mem_info_vram_total", "25753026560\n");
  root.write(base + "mem_info_vram_used", used);
  root.write(base + "gpu_busy_percent", "37\n");
  root.write(base + "hwmon/hwmon3/temp1_input", "61000\n");
}

// A captured machine with no PCI sysfs and the fake NVML answering as `scenario`: its GPUs come from NVML alone.
struct FakeNvmlMachine {
  explicit FakeNvmlMachine(const char* scenario) {
    ::setenv("AUTOCUT_FAKE_NVML_SCENARIO", scenario, 1);
    options.nvml_library = AUTOCUT_FAKE_NVML;
  }
  core::HostFacts detect() const { return detect_all(host, options); }

  TempDir root;
  DetectOptions options;
  sys::HostRoot host{root.path()};
};

TEST(GpuSampler, NvmlGpuLostOnTheSecondQueryIsReportedLost) {
  const FakeNvmlMachine machine("gpu-lost");
  const auto facts = machine.detect();
  ASSERT_EQ(facts.gpus.size(), 1u);
  ASSERT_TRUE(facts.gpus[0].memory_total_bytes) << "the first query, at detection, still works";

  GpuSampler sampler(machine.host, facts.gpus, machine.options, false);
  const auto samples = sampler.sample();
  ASSERT_EQ(samples.size(), 1u);
  EXPECT_TRUE(samples[0].lost);
  EXPECT_NE(samples[0].error.find("GPU is lost"), std::string::npos) << samples[0].error;
  EXPECT_FALSE(samples[0].memory_used_bytes);
}

TEST(GpuSampler, ALostNvmlGpuIsLookedUpAgainWithBackoffAndComesBack) {
  // The fake card answers GPU_IS_LOST to memory queries 2 to 4 and works again from the fifth (query 1 is detection).
  const FakeNvmlMachine machine("gpu-returns");
  const auto facts = machine.detect();
  ASSERT_EQ(facts.gpus.size(), 1u);

  GpuSampler sampler(machine.host, facts.gpus, machine.options, false);
  std::string lost;
  for (int i = 0; i < 12; ++i) lost += sampler.sample().at(0).lost ? 'L' : '.';
  // Query 2 finds it lost; re-probes after 1, then 2, then 4 skipped samples use queries 3, 4 and 5. Had the sampler
  // queried on every sample, the card would have been back by the fourth.
  EXPECT_EQ(lost, "LLLLLLLLLL..");
  const auto back = sampler.sample().at(0);
  EXPECT_EQ(back.memory_used_bytes, 612 * kMiB);
  EXPECT_TRUE(back.error.empty()) << back.error;
}

TEST(GpuSampler, NvmlSamplesLiveFiguresByPciAddress) {
  const FakeNvmlMachine machine("two-cards");
  const auto facts = machine.detect();
  GpuSampler sampler(machine.host, facts.gpus, machine.options, false);
  const auto samples = sampler.sample();
  ASSERT_EQ(samples.size(), 2u);
  EXPECT_EQ(samples[1].pci_address, "0000:02:00.0");
  EXPECT_EQ(samples[1].memory_total_bytes, 12288 * kMiB);
  EXPECT_EQ(samples[0].memory_used_bytes, 1830 * kMiB);
  EXPECT_EQ(samples[0].temperature_celsius, 52.0);
  EXPECT_TRUE(samples[0].error.empty()) << samples[0].error;
}

TEST(GpuSampler, KeepsSamplingWhileAnotherDetectionOpensAndClosesNvml) {
  // The service completes its detection in the background while the monitor samples: the probe's nvmlShutdown
  // must not end the sampler's session (NVML counts initialisations).
  const FakeNvmlMachine machine("two-cards");
  GpuSampler sampler(machine.host, machine.detect().gpus, machine.options, false);
  ASSERT_TRUE(sampler.sample().at(0).memory_used_bytes);
  machine.detect();
  const auto after = sampler.sample().at(0);
  EXPECT_EQ(after.memory_used_bytes, 1830 * kMiB) << after.error;
}

TEST(GpuSampler, UnifiedMemoryIsSampledFromTheSystem) {
  ::setenv("AUTOCUT_FAKE_NVML_SCENARIO", "unified", 1);
  TempDir root;
  root.write("proc/meminfo", "MemTotal: 32000000 kB\nMemAvailable: 20000000 kB\n");
  DetectOptions options;
  options.nvml_library = AUTOCUT_FAKE_NVML;
  const sys::HostRoot host(root.path());
  const auto facts = detect_all(host, options);
  ASSERT_EQ(facts.gpus.size(), 1u);
  EXPECT_TRUE(facts.gpus[0].integrated);
  GpuSampler sampler(host, facts.gpus, options, false);
  const auto sample = sampler.sample().at(0);
  EXPECT_EQ(sample.memory_total_bytes, 32000000ull * 1024);
  EXPECT_EQ(sample.memory_used_bytes, 12000000ull * 1024);
}

TEST(GpuSampler, AmdgpuSampleReadsVramLoadAndTemperature) {
  TempDir root;
  write_amd_device(root, "1181220864\n");
  GpuSampler sampler(sys::HostRoot(root.path()), {amd_gpu()}, {}, false);
  const auto sample = sampler.sample().at(0);
  EXPECT_EQ(sample.memory_total_bytes, 25753026560u);
  EXPECT_EQ(sample.memory_used_bytes, 1181220864u);
  EXPECT_EQ(sample.utilization_percent, 37.0);
  EXPECT_EQ(sample.temperature_celsius, 61.0);
  EXPECT_FALSE(sample.lost);
}

TEST(GpuSampler, AnApuCountsItsGttLikeDetectionDoes) {
  TempDir root;
  write_amd_device(root, "1073741824\n");
  const std::string base = "sys/bus/pci/devices/0000:03:00.0/";
  root.write(base + "mem_info_gtt_total", "15032385536\n");
  root.write(base + "mem_info_gtt_used", "3221225472\n");
  root.write(base + "hwmon/hwmon3/power1_input", "15000000\n");
  auto apu = amd_gpu();
  apu.integrated = true;
  const sys::HostRoot host(root.path());
  GpuSampler sampler(host, {apu}, {}, false);
  const auto sample = sampler.sample().at(0);
  EXPECT_EQ(sample.memory_total_bytes, 25753026560ull + 15032385536ull);
  EXPECT_EQ(sample.memory_used_bytes, 1073741824ull + 3221225472ull);
  EXPECT_EQ(sample.power_watts, 15.0) << "power1_input when there is no average";
}

TEST(GpuSampler, GarbageInSysfsLeavesTheFigureMissingWithAReason) {
  TempDir root;
  write_amd_device(root, "lots\n");
  const sys::HostRoot host(root.path());
  GpuSampler sampler(host, {amd_gpu()}, {}, false);
  const auto sample = sampler.sample().at(0);
  EXPECT_FALSE(sample.memory_used_bytes);
  EXPECT_FALSE(sample.error.empty());
  EXPECT_FALSE(sample.lost);
}

TEST(GpuSampler, ADeviceDirectoryThatVanishesIsLost) {
  TempDir root;
  write_amd_device(root, "1\n");
  const sys::HostRoot host(root.path());
  GpuSampler sampler(host, {amd_gpu()}, {}, false);
  std::filesystem::remove_all(root.path() / "sys/bus/pci/devices/0000:03:00.0");
  const auto sample = sampler.sample().at(0);
  EXPECT_TRUE(sample.lost);
  EXPECT_NE(sample.error.find("gone"), std::string::npos) << sample.error;
}

}  // namespace
}  // namespace autocut::detect
