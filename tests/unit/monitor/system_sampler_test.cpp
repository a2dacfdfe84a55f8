// The real sampler over a captured /proc: what each figure is read from, and that a missing file leaves its figure
// absent rather than zero.
#include "monitor/system_sampler.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace autocut::monitor
