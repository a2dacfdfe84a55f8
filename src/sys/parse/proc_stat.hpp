// The aggregate "cpu" line of /proc/stat: jiffies spent in each state since boot.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace autocut::sys::parse {

struct CpuTimes {
  std::uint64_t busy = 0;  // user + nice + system + irq + softirq + steal
  std::uint64_t idle = 0;  // idle + iowait
};

std::optional<CpuTimes> parse_proc_stat_cpu(std::string_view text);

// Busy share between two readings, in percent; nullopt when the counters did not advance (or went back).
std::optional<double> cpu_percent(const CpuTimes& before, const CpuTimes& after);

}  // namespace autocut::sys::parse
