// The Windows sampler over a recorded Windows machine (the original's workstation), with the answers that change
// between samples scripted over it: what the monitor reads on Windows, natively.
#include "monitor/windows/windows_sampler.hpp"

#include <gtest/gtest.h>

#include <deque>

#include "detect/windows/detect_windows.hpp"
#include "monitor/machine_sampler.hpp"
#include "profile/build_profile.hpp"
#include "sys/windows/recording.hpp"

namespace autocut::monitor {
namespace {

using sys::windows::NvmlAnswers;
using sys::windows::SystemTimes;

const std::string kOriginal = std::string(AUTOCUT_WINDOWS_FIXTURES) + "/original-workstation-rtx4090.json";

sys::windows::Recording original() {
  auto loaded = sys::windows::read_recording(kOriginal);
  EXPECT_TRUE(loaded.recording) << loaded.error;
  return loaded.recording.value_or(sys::windows::Recording{});
}

core::RuntimeProfile original_profile() {
  sys::windows::ReplayHost host(original());
  return profile::build_profile(detect::windows::detect_windows(host, {}, true), {});
}

// The recording, with GetSystemTimes and NVML answering from a script, one answer per sample.
class ScriptedHost final : public sys::windows::ReplayHost {
 public:
  ScriptedHost(std::deque<SystemTimes> times, std::deque<NvmlAnswers> nvml)
      : ReplayHost(original()), times_(std::move(times)), nvml_(std::move(nvml)) {}
  std::optional<SystemTimes> system_times() override { return next(times_); }
  NvmlAnswers nvml() override { return next(nvml_).value_or(ReplayHost::nvml()); }

 private:
  template <class T>
  static std::optional<T> next(std::deque<T>& script) {
    if (script.empty()) return std::nullopt;
    auto answer = script.front();
    script.pop_front();
    return answer;
  }
  std::deque<SystemTimes> times_;
  std::deque<NvmlAnswers> nvml_;
};

const GpuLoad& gpu(const Sample& sample, const std::string& pci_address) {
  for (const auto& load : sample.gpus)
    if (load.pci_address == pci_address) return load;
  throw std::runtime_error("no GPU " + pci_address + " in the sample");
}

Sample sample_of(SampleSource& source) { return source.sample(Clock::now(), std::chrono::system_clock::now()); }

TEST(WindowsSampler, CpuUseIsTheBusyShareBetweenTwoReadings) {
  // Kernel time includes idle time: 800 kernel + 200 user = 1000 ticks, 600 of them idle → 40 % busy.
  WindowsSampler sampler(
      std::make_unique<ScriptedHost>(std::deque<SystemTimes>{{0, 0, 0}, {600, 800, 200}}, std::deque<NvmlAnswers>{}),
      original_profile());
  EXPECT_FALSE(sample_of(sampler).cpu_percent);  // the first reading only primes it
  const auto second = sample_of(sampler);
  ASSERT_TRUE(second.cpu_percent);
  EXPECT_DOUBLE_EQ(*second.cpu_percent, 40.0);
}

TEST(WindowsSampler, ACounterThatWentBackwardsGivesNoFigureRatherThanAWrongOne) {
  WindowsSampler sampler(
      std::make_unique<ScriptedHost>(std::deque<SystemTimes>{{600, 800, 200}, {0, 100, 100}, {100, 300, 200}},
                                     std::deque<NvmlAnswers>{}),
      original_profile());
  sample_of(sampler);
  EXPECT_FALSE(sample_of(sampler).cpu_percent);
  const auto third = sample_of(sampler);  // measured again from the reading after the jump
  ASSERT_TRUE(third.cpu_percent);
  EXPECT_DOUBLE_EQ(*third.cpu_percent, 100.0 * (300.0 - 100.0) / 300.0);
}

TEST(WindowsSampler, AvailableMemoryIsWhatWindowsReportsAndThereIsNoPressureStallFigure) {
  WindowsSampler sampler(std::make_unique<ScriptedHost>(std::deque<SystemTimes>{}, std::deque<NvmlAnswers>{}),
                         original_profile());
  const auto sample = sample_of(sampler);
  EXPECT_EQ(sample.memory_available_bytes, original().memory_status->available_physical);
  EXPECT_FALSE(sample.memory_pressure_full_avg10);
  EXPECT_FALSE(sample.cpu_pressure_some_avg10);
  EXPECT_FALSE(sample.io_pressure_some_avg10);
}

TEST(WindowsSampler, WithinAJobObjectNoMoreThanItsMemoryLimitIsAvailable) {
  auto answers = original();
  answers.job_limits = sys::windows::JobLimits{4ull << 30, std::nullopt, std::nullopt};
  sys::windows::ReplayHost host(answers);
  const auto profile = profile::build_profile(detect::windows::detect_windows(host, {}, true), {});
  WindowsSampler sampler(std::make_unique<sys::windows::ReplayHost>(answers), profile);
  EXPECT_EQ(sample_of(sampler).memory_available_bytes, 4ull << 30);  // 17 GiB free on the machine
}

TEST(WindowsSampler, TheNvidiaCardsFiguresComeFromNvmlByPciLocation) {
  auto busy = original().nvml;
  busy.devices[0].memory_used = busy.devices[0].memory_total.value() / 4 * 3;
  busy.devices[0].utilization_percent = 97.0;
  WindowsSampler sampler(std::make_unique<ScriptedHost>(std::deque<SystemTimes>{}, std::deque<NvmlAnswers>{busy}),
                         original_profile());
  const auto sample = sample_of(sampler);
  ASSERT_EQ(sample.gpus.size(), 2u);  // the RTX 4090 and the CPU's UHD Graphics 770, in the profile's order
  const auto& nvidia = gpu(sample, "0000:01:00.0");
  ASSERT_TRUE(nvidia.memory_used_percent);
  EXPECT_NEAR(*nvidia.memory_used_percent, 75.0, 0.01);
  EXPECT_EQ(nvidia.utilization_percent, 97.0);
  EXPECT_FALSE(nvidia.lost);
  // The Intel GPU's memory is the system's (a carve-out, the rest shared): no figure of its own.
  const auto& intel = gpu(sample, "0000:00:02.0");
  EXPECT_FALSE(intel.memory_used_percent);
  EXPECT_FALSE(intel.utilization_percent);
  EXPECT_FALSE(intel.lost);
}

TEST(WindowsSampler, ACardWithoutNvmlIsReadFromDxgisBudgetAsDetectionReadsIt) {
  auto answers = original();
  answers.nvml = {};  // no NVIDIA driver: an AMD card, known to DXGI only
  auto& card = answers.dxgi_adapters->front();
  card.description = "AMD Radeon RX 7900 XTX";
  card.vendor_id = 0x1002;
  card.device_id = 0x744c;
  card.dedicated_video_memory = 24ull << 30;
  card.budget_bytes = 18ull << 30;  // the others hold 6 GiB
  card.usage_bytes = 2ull << 30;    // and this process 2 GiB
  sys::windows::ReplayHost host(answers);
  const auto profile = profile::build_profile(detect::windows::detect_windows(host, {}, true), {});
  ASSERT_EQ(profile.facts.gpus.front().memory_used_bytes, 8ull << 30);  // detection's reading

  WindowsSampler sampler(std::make_unique<sys::windows::ReplayHost>(answers), profile);
  const auto sample = sample_of(sampler);
  const auto& amd = gpu(sample, "0000:01:00.0");
  ASSERT_TRUE(amd.memory_used_percent);
  EXPECT_NEAR(*amd.memory_used_percent, 100.0 / 3, 0.01);  // the same 8 of 24 GiB
  EXPECT_FALSE(amd.utilization_percent);
  EXPECT_FALSE(amd.lost);
}

TEST(WindowsSampler, ACardNvmlNoLongerListsIsLostAndComesBackWhenListedAgain) {
  auto gone = original().nvml;
  gone.devices.clear();
  WindowsSampler sampler(
      std::make_unique<ScriptedHost>(std::deque<SystemTimes>{}, std::deque<NvmlAnswers>{gone, original().nvml}),
      original_profile());
  const auto lost = sample_of(sampler);
  EXPECT_TRUE(gpu(lost, "0000:01:00.0").lost);
  EXPECT_FALSE(gpu(lost, "0000:01:00.0").memory_used_percent);
  EXPECT_FALSE(gpu(lost, "0000:00:02.0").lost);  // NVML never spoke for it
  const auto back = sample_of(sampler);
  EXPECT_FALSE(gpu(back, "0000:01:00.0").lost);
  EXPECT_TRUE(gpu(back, "0000:01:00.0").memory_used_percent);
}

TEST(MachineSampler, ARecordedWindowsMachineIsSampledFromItsRecording) {
  const auto sampler = machine_sampler(std::filesystem::path(kOriginal), original_profile(), {});
  const auto sample = sample_of(*sampler);
  EXPECT_EQ(sample.memory_available_bytes, original().memory_status->available_physical);
  const auto& nvidia = gpu(sample, "0000:01:00.0");
  ASSERT_TRUE(nvidia.memory_used_percent);
  EXPECT_NEAR(*nvidia.memory_used_percent, 100.0 * 1932735283.0 / 25757220864.0, 0.01);
  EXPECT_EQ(nvidia.utilization_percent, 4.0);
}

}  // namespace
}  // namespace autocut::monitor
