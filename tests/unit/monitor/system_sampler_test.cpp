// The real sampler over a captured /proc: what each figure is read from, and that a missing file leaves its figure
// absent rather than zero.
#include "monitor/system_sampler.hpp"

#include <gtest/gtest.h>

#include "monitor/engine.hpp"
#include "support/temp_dir.hpp"

namespace autocut::monitor {
namespace {

Sample sample_of(SystemSampler& sampler) { return sampler.sample(Clock::now(), std::chrono::system_clock::now()); }

TEST(SystemSampler, ReadsCpuMemoryAndEveryPressureFile) {
  testing::TempDir root;
  root.write("proc/stat", "cpu  100 0 100 800 0 0 0 0 0 0\n");
  root.write("proc/meminfo", "MemTotal: 16000000 kB\nMemAvailable: 8000000 kB\n");
  root.write("proc/pressure/memory",
             "some avg10=3.00 avg60=1.00 avg300=0.50 total=10\n"
             "full avg10=1.50 avg60=0.50 avg300=0.10 total=5\n");
  root.write("proc/pressure/cpu", "some avg10=12.25 avg60=8.00 avg300=2.00 total=100\n");
  root.write("proc/pressure/io",
             "some avg10=4.50 avg60=2.00 avg300=1.00 total=50\n"
             "full avg10=2.00 avg60=1.00 avg300=0.50 total=20\n");
  SystemSampler sampler(sys::HostRoot(root.path()), core::RuntimeProfile{}, {});
  const auto first = sample_of(sampler);
  EXPECT_FALSE(first.cpu_percent) << "one reading gives no CPU share";
  root.write("proc/stat", "cpu  200 0 200 1400 0 0 0 0 0 0\n");  // 200 busy of 800 more
  const auto second = sample_of(sampler);
  ASSERT_TRUE(second.cpu_percent);
  EXPECT_DOUBLE_EQ(*second.cpu_percent, 25.0);
  EXPECT_EQ(second.memory_available_bytes, 8000000ull * 1024);
  EXPECT_EQ(second.memory_pressure_full_avg10, 1.5);
  EXPECT_EQ(second.cpu_pressure_some_avg10, 12.25);
  EXPECT_EQ(second.io_pressure_some_avg10, 4.5);
}

TEST(SystemSampler, WhatCannotBeReadIsAbsentNotZero) {
  testing::TempDir root;
  root.write("proc/stat", "garbage\n");
  SystemSampler sampler(sys::HostRoot(root.path()), core::RuntimeProfile{}, {});
  sample_of(sampler);
  const auto sample = sample_of(sampler);
  EXPECT_FALSE(sample.cpu_percent);
  EXPECT_FALSE(sample.memory_available_bytes);
  EXPECT_FALSE(sample.memory_pressure_full_avg10);
  EXPECT_FALSE(sample.cpu_pressure_some_avg10);
  EXPECT_TRUE(sample.gpus.empty());
}

// The files a running sampler reads go away mid-run (a cgroup torn down, /proc/pressure unmounted): the samples
// lack those figures, the rule that tripped holds where it is, and nothing fails. The real sampler feeds the real
// engine; only the clock is stepped.
TEST(SystemSampler, ReadingsThatVanishMidRunHoldTheRuleAndBreakNothing) {
  testing::TempDir root;
  root.write("proc/stat", "cpu  100 0 100 800 0 0 0 0 0 0\n");
  root.write("proc/meminfo", "MemTotal: 16000000 kB\nMemAvailable: 500000 kB\n");  // under 1 GiB left
  root.write("proc/pressure/memory",
             "some avg10=40.00 avg60=30.00 avg300=20.00 total=10\n"
             "full avg10=30.00 avg60=20.00 avg300=10.00 total=5\n");
  root.write("proc/self/cgroup", "0::/app\n");
  root.write("proc/self/mountinfo", "30 21 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n");
  root.write("sys/fs/cgroup/app/memory.max", "1073741824\n");
  root.write("sys/fs/cgroup/app/memory.current", "1000000000\n");
  root.write("sys/fs/cgroup/app/memory.stat", "inactive_file 0\n");
  SystemSampler sampler(sys::HostRoot(root.path()), core::RuntimeProfile{}, {});
  Engine engine(core::Level::local_gpu_mid, {});
  auto now = Clock::now();
  std::vector<Event> events;
  const auto run = [&](std::chrono::seconds duration) {
    for (const auto end = now + duration; now < end; now += std::chrono::seconds(5))
      if (auto event = engine.step(sampler.sample(now, std::chrono::system_clock::now()))) events.push_back(*event);
  };
  run(std::chrono::seconds(60));
  ASSERT_FALSE(events.empty()) << "low memory trips a rule";
  const auto degraded = engine.level();
  EXPECT_NE(degraded, core::Level::local_gpu_mid);

  std::filesystem::remove_all(root.path() / "proc/pressure");
  std::filesystem::remove_all(root.path() / "sys/fs/cgroup/app");
  std::filesystem::remove(root.path() / "proc/meminfo");
  std::filesystem::create_directories(root.path() / "proc/meminfo");  // unreadable as a file
  const auto before = events.size();
  run(std::chrono::minutes(30));
  const auto sample = sampler.sample(now, std::chrono::system_clock::now());
  EXPECT_FALSE(sample.memory_available_bytes);
  EXPECT_FALSE(sample.memory_pressure_full_avg10);
  EXPECT_EQ(engine.level(), degraded) << "no data is no reason to recover";
  EXPECT_EQ(events.size(), before);

  // The files come back with room to spare: the rule clears after its exit duration, as it would have.
  std::filesystem::remove_all(root.path() / "proc/meminfo");
  root.write("proc/meminfo", "MemTotal: 16000000 kB\nMemAvailable: 12000000 kB\n");
  root.write("proc/pressure/memory",
             "some avg10=0.00 avg60=0.00 avg300=0.00 total=10\n"
             "full avg10=0.00 avg60=0.00 avg300=0.00 total=5\n");
  root.write("sys/fs/cgroup/app/memory.max", "max\n");
  root.write("sys/fs/cgroup/app/memory.current", "100000000\n");
  root.write("sys/fs/cgroup/app/memory.stat", "inactive_file 0\n");
  run(std::chrono::minutes(10));
  EXPECT_EQ(engine.level(), core::Level::local_gpu_mid);
}

}  // namespace
}  // namespace autocut::monitor
