// The memory rule against real memory: this test process takes and touches memory, the real sampler reads the
// live /proc (and cgroup) figures, and the rule trips and recovers. The thresholds are set just under the machine's
// current available memory, so the test needs no privileges and no cgroup of its own.
#include <gtest/gtest.h>
#include <sys/mman.h>

#include <thread>

#include "monitor/monitor.hpp"
#include "monitor/system_sampler.hpp"

namespace autocut::monitor {
namespace {

using namespace std::chrono_literals;
constexpr std::uint64_t kGiB = 1024ull * 1024 * 1024;

// Anonymous memory, populated up front so the kernel really hands it over (one call, not a fault per page).
class TouchedMemory {
 public:
  explicit TouchedMemory(std::size_t bytes) : bytes_(bytes) {
    data_ = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
  }
  ~TouchedMemory() { release(); }
  bool ok() const { return data_ != MAP_FAILED; }
  void release() {
    if (data_ != MAP_FAILED) ::munmap(data_, bytes_);
    data_ = MAP_FAILED;
  }

 private:
  std::size_t bytes_;
  void* data_;
};

std::uint64_t available_now() {
  SystemSampler sampler(sys::HostRoot(), core::RuntimeProfile{}, {});
  return sampler.sample(Clock::now(), std::chrono::system_clock::now()).memory_available_bytes.value_or(0);
}

TEST(MemoryPressure, TakingRealMemoryTripsTheRuleAndGivingItBackRecoversAfterTheExitDuration) {
  const auto available = available_now();
  if (available < 3 * kGiB) GTEST_SKIP() << "needs 3 GiB available, has " << (available >> 20) << " MiB";

  // The thresholds are set from the figure while the memory is held: a virtual machine may not hand freed memory
  // back to MemAvailable in full at once (here about a third of it lags), so "back where it was" is not a
  // dependable exit, while "most of what was taken came back" is.
  TouchedMemory taken(3 * kGiB / 2);
  ASSERT_TRUE(taken.ok());
  const double held_gib = static_cast<double>(available_now()) / static_cast<double>(kGiB);
  MonitorSettings settings;
  auto& rule = settings.engine.memory;
  rule.enter = held_gib + 0.25;  // already past it while the memory is held
  rule.exit = held_gib + 0.6;    // cleared once 0.6 of the 1.5 GiB is back
  rule.enter_for = 0s;
  rule.exit_for = 1s;
  settings.engine.arbiter.cooldown = 0s;
  Monitor monitor(std::make_unique<SystemSampler>(sys::HostRoot(), core::RuntimeProfile{}, detect::DetectOptions{}),
                  core::Level::local_cpu_only, settings);
  std::vector<Event> heard;
  monitor.subscribe([&](const Event& event) { heard.push_back(event); });

  monitor.sample_now();
  ASSERT_EQ(monitor.status().level, core::Level::hybrid)
      << "available now " << (monitor.status().last_sample->memory_available_bytes.value_or(0) >> 20) << " MiB";
  ASSERT_EQ(heard.size(), 1u);
  EXPECT_EQ(heard[0].from, core::Level::local_cpu_only);
  EXPECT_EQ(heard[0].rule, "memory");
  EXPECT_LT(heard[0].values.at("memory_available_gib"), rule.enter);

  taken.release();
  const auto released = Clock::now();
  monitor.sample_now();
  EXPECT_EQ(monitor.status().level, core::Level::hybrid) << "the exit duration has not passed";
  while (monitor.status().level == core::Level::hybrid && Clock::now() - released < 10s) {
    std::this_thread::sleep_for(100ms);
    monitor.sample_now();
  }
  EXPECT_EQ(monitor.status().level, core::Level::local_cpu_only)
      << "available now " << (monitor.status().last_sample->memory_available_bytes.value_or(0) >> 20) << " MiB";
  EXPECT_GE(Clock::now() - released, 1s);
  ASSERT_EQ(heard.size(), 2u);
  EXPECT_EQ(heard[1].rule, "recovery");
}

}  // namespace
}  // namespace autocut::monitor
