// How the online CPUs group into cores and packages. The kernel's topology files are authoritative: they know
// dies, offline CPUs and layouts /proc/cpuinfo cannot express; cpuinfo's ids are the fallback for captures without
// them (docs/architecture.md, "CPU topology").
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "sys/host_root.hpp"
#include "sys/parse/cpuinfo.hpp"

namespace autocut::detect {

struct CpuTopology {
  std::vector<std::vector<int>> cores;  // each core's online CPUs, sorted
  int packages = 0;
  std::string_view source;  // "sysfs" or "cpuinfo"
};

// nullopt when neither source places the online CPUs. `online` is sorted and unique.
std::optional<CpuTopology> cpu_topology(const sys::HostRoot& root, const std::vector<int>& online,
                                        const sys::parse::Cpuinfo& info);

// Cores whose CPUs all lie in `cpus` (sorted): a hybrid part's P- or E-cores.
int cores_within(const CpuTopology& topology, const std::vector<int>& cpus);

}  // namespace autocut::detect
