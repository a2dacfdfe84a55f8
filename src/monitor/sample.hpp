// One look at the machine's load. A figure that could not be read is absent, never zero.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "monitor/threshold_rule.hpp"

namespace autocut::monitor {

struct GpuLoad {
  std::string pci_address;
  std::optional<double> memory_used_percent;
  std::optional<double> utilization_percent;
  bool lost = false;
};

struct Sample {
  Clock::time_point time;
  std::chrono::system_clock::time_point wall_time;
  std::optional<double> cpu_percent;
  std::optional<std::uint64_t> memory_available_bytes;  // cgroup-aware
  std::optional<double> memory_pressure_full_avg10;     // PSI, percent
  std::optional<double> cpu_pressure_some_avg10;        // PSI, percent: runnable tasks waiting for a CPU
  std::optional<double> io_pressure_some_avg10;         // PSI, percent: tasks waiting for I/O
  std::vector<GpuLoad> gpus;
  std::optional<double> task_failure_rate;  // vision tasks over the window, when there were enough
};

}  // namespace autocut::monitor
