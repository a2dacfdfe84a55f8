#include "detect/cpu_topology.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "sys/parse/cpulist.hpp"
#include "sys/parse/numbers.hpp"

namespace autocut::detect {
namespace {

using sys::HostRoot;

std::string topology_file(int cpu, std::string_view name) {
  return HostRoot::sys("devices/system/cpu/cpu" + std::to_string(cpu) + "/topology/" + std::string(name));
}

std::optional<long long> read_id(const HostRoot& root, int cpu, std::string_view name) {
  const auto file = root.read(topology_file(cpu, name));
  if (!file.ok()) return std::nullopt;
  const auto id = sys::parse::parse_i64(*file.text);
  return id ? std::optional<long long>(*id) : std::nullopt;
}

// A core's hardware threads as the kernel lists them (core_cpus_list since 5.7, thread_siblings_list before).
std::optional<std::vector<int>> read_siblings(const HostRoot& root, int cpu) {
  for (const char* name : {"core_cpus_list", "thread_siblings_list"}) {
    const auto file = root.read(topology_file(cpu, name));
    if (!file.ok()) continue;
    auto cpus = sys::parse::parse_cpulist(*file.text);
    if (cpus && std::binary_search(cpus->begin(), cpus->end(), cpu)) return cpus;
    return std::nullopt;  // a list that does not hold its own CPU is corrupt
  }
  return std::nullopt;
}

std::vector<int> online_only(const std::vector<int>& cpus, const std::vector<int>& online) {
  std::vector<int> kept;
  std::set_intersection(cpus.begin(), cpus.end(), online.begin(), online.end(), std::back_inserter(kept));
  return kept;
}

// Sibling lists name each core once whatever its ids say; one read per core, as a core's other CPUs are covered.
std::optional<CpuTopology> from_sibling_lists(const HostRoot& root, const std::vector<int>& online) {
  CpuTopology topology{{}, 0, "sysfs"};
  std::set<long long> packages;
  std::set<int> placed;
  for (int cpu : online) {
    if (placed.contains(cpu)) continue;
    const auto siblings = read_siblings(root, cpu);
    const auto package = read_id(root, cpu, "physical_package_id");
    if (!siblings || !package) return std::nullopt;
    auto core = online_only(*siblings, online);
    for (int sibling : core)
      if (!placed.insert(sibling).second) return std::nullopt;  // two cores claim one CPU: not a topology
    packages.insert(*package);
    topology.cores.push_back(std::move(core));
  }
  topology.packages = static_cast<int>(packages.size());
  return topology;
}

// Older kernels without sibling lists: a core is its (package, die, core) ids; die_id exists since 5.2.
std::optional<CpuTopology> from_ids(const HostRoot& root, const std::vector<int>& online) {
  std::map<std::tuple<long long, long long, long long>, std::vector<int>> cores;
  std::set<long long> packages;
  for (int cpu : online) {
    const auto package = read_id(root, cpu, "physical_package_id");
    const auto core = read_id(root, cpu, "core_id");
    if (!package || !core) return std::nullopt;
    cores[{*package, read_id(root, cpu, "die_id").value_or(0), *core}].push_back(cpu);
    packages.insert(*package);
  }
  CpuTopology topology{{}, static_cast<int>(packages.size()), "sysfs"};
  for (auto& [place, cpus] : cores) topology.cores.push_back(std::move(cpus));
  return topology;
}

// cpuinfo's (physical id, core id) collide on multi-die packages, whose core ids restart per die: a package has at
// least its distinct core ids and, when "cpu cores" says more, as many as it says up to its listed CPUs.
std::optional<CpuTopology> from_cpuinfo(const sys::parse::Cpuinfo& info, const std::vector<int>& online) {
  std::map<int, std::map<int, std::vector<int>>> by_package;
  for (const auto& place : info.places)
    if (std::binary_search(online.begin(), online.end(), place.processor))
      by_package[place.package][place.core].push_back(place.processor);
  if (by_package.empty()) return std::nullopt;

  CpuTopology topology{{}, static_cast<int>(by_package.size()), "cpuinfo"};
  for (auto& [package, cores] : by_package) {
    std::vector<int> cpus;
    for (const auto& [core, threads] : cores) cpus.insert(cpus.end(), threads.begin(), threads.end());
    std::sort(cpus.begin(), cpus.end());
    const auto listed = static_cast<int>(cpus.size());
    const int stated = info.cores_per_package.value_or(0);
    if (static_cast<int>(cores.size()) < std::min(stated, listed)) {
      // Which thread belongs to which core is unknown here; the count is what matters, so deal them out evenly.
      const int count = std::min(stated, listed);
      std::vector<std::vector<int>> dealt(static_cast<std::size_t>(count));
      for (std::size_t i = 0; i < cpus.size(); ++i) dealt[i % dealt.size()].push_back(cpus[i]);
      for (auto& core : dealt) topology.cores.push_back(std::move(core));
    } else {
      for (auto& [core, threads] : cores) topology.cores.push_back(std::move(threads));
    }
  }
  return topology;
}

}  // namespace

std::optional<CpuTopology> cpu_topology(const HostRoot& root, const std::vector<int>& online,
                                        const sys::parse::Cpuinfo& info) {
  if (online.empty()) return std::nullopt;
  if (auto topology = from_sibling_lists(root, online)) return topology;
  if (auto topology = from_ids(root, online)) return topology;
  return from_cpuinfo(info, online);
}

int cores_within(const CpuTopology& topology, const std::vector<int>& cpus) {
  return static_cast<int>(std::count_if(topology.cores.begin(), topology.cores.end(), [&](const auto& core) {
    return std::all_of(core.begin(), core.end(),
                       [&](int cpu) { return std::binary_search(cpus.begin(), cpus.end(), cpu); });
  }));
}

}  // namespace autocut::detect
