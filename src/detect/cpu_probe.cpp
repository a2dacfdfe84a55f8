// CPU: identity from /proc/cpuinfo, counts and topology from sysfs, hybrid P/E split, inference-relevant ISA.
#include <algorithm>
#include <array>
#include <set>
#include <utility>

#include "detect/cpu_topology.hpp"
#include "detect/probe.hpp"
#include "sys/parse/cpuinfo.hpp"
#include "sys/parse/cpulist.hpp"
#include "sys/parse/key_value.hpp"
#include "sys/parse/numbers.hpp"

namespace autocut::detect {
namespace {

using sys::HostRoot;

struct IsaName {
  std::string_view flag;  // as the kernel prints it
  std::string_view name;  // as we report it
};

// The extensions that decide how fast CPU inference runs (llama.cpp/ggml kernels), in report order.
constexpr std::array<IsaName, 20> kInferenceIsa{{
    {"avx", "avx"},
    {"avx2", "avx2"},
    {"fma", "fma"},
    {"f16c", "f16c"},
    {"avx_vnni", "avx_vnni"},
    {"avx512f", "avx512f"},
    {"avx512bw", "avx512bw"},
    {"avx512vl", "avx512vl"},
    {"avx512_vnni", "avx512_vnni"},
    {"avx512_bf16", "avx512_bf16"},
    {"avx512_fp16", "avx512_fp16"},
    {"amx_tile", "amx_tile"},
    {"amx_bf16", "amx_bf16"},
    {"amx_int8", "amx_int8"},
    {"asimd", "neon"},
    {"asimddp", "dotprod"},
    {"i8mm", "i8mm"},
    {"bf16", "bf16"},
    {"sve", "sve"},
    {"sve2", "sve2"},
}};

std::vector<std::string> inference_isa(const std::vector<std::string>& flags) {
  const std::set<std::string_view> present(flags.begin(), flags.end());
  std::vector<std::string> isa;
  for (const auto& entry : kInferenceIsa)
    if (present.contains(entry.flag)) isa.emplace_back(entry.name);
  return isa;
}

std::optional<std::vector<int>> read_cpulist(const HostRoot& root, const std::string& path) {
  const auto file = root.read(path);
  if (!file.ok()) return std::nullopt;
  return sys::parse::parse_cpulist(*file.text);
}

std::optional<double> max_frequency_mhz(const HostRoot& root) {
  std::optional<double> best;
  for (const auto& policy : root.list(HostRoot::sys("devices/system/cpu/cpufreq"))) {
    if (!policy.starts_with("policy")) continue;
    const auto file = root.read(HostRoot::sys("devices/system/cpu/cpufreq/" + policy + "/cpuinfo_max_freq"));
    if (!file.ok()) continue;
    // Nothing clocks above 100 GHz; a larger figure is a corrupt file, not a fast CPU.
    if (const auto khz = sys::parse::parse_u64(*file.text); khz && *khz > 0 && *khz < 100'000'000)
      best = std::max(best.value_or(0.0), static_cast<double>(*khz) / 1000.0);
  }
  return best;
}

}  // namespace

ProbeOutcome probe_cpu(const ProbeContext& context, core::HostFacts& facts) {
  const auto& root = context.root;
  const auto cpuinfo_file = root.read(HostRoot::proc("cpuinfo"));
  const auto online_path = HostRoot::sys("devices/system/cpu/online");
  const auto online = read_cpulist(root, online_path);
  if (!cpuinfo_file.ok() && !online) return failed("cannot read " + cpuinfo_file.describe());

  const auto info = sys::parse::parse_cpuinfo(cpuinfo_file.text.value_or(""));
  core::CpuFacts cpu;
  cpu.model = info.model_name;
  cpu.vendor = info.vendor;
  cpu.architecture = info.architecture;
  cpu.threads = online ? static_cast<int>(online->size()) : info.processors;
  cpu.isa = inference_isa(info.flags);
  cpu.hypervisor = std::find(info.flags.begin(), info.flags.end(), "hypervisor") != info.flags.end();
  cpu.max_mhz = max_frequency_mhz(root);

  // cpuinfo lists only the CPUs that were online when it was read; the online list is the authority on which.
  std::vector<int> online_cpus = online.value_or(std::vector<int>{});
  if (!online)
    for (const auto& place : info.places) online_cpus.push_back(place.processor);
  if (!online && online_cpus.empty())
    for (int i = 0; i < info.processors; ++i) online_cpus.push_back(i);
  std::sort(online_cpus.begin(), online_cpus.end());
  online_cpus.erase(std::unique(online_cpus.begin(), online_cpus.end()), online_cpus.end());
  const auto topology = cpu_topology(root, online_cpus, info);
  if (topology) {
    cpu.cores = static_cast<int>(topology->cores.size());
    cpu.sockets = topology->packages;
  }

  // Intel hybrid parts expose one PMU per core type (kernel perf intel-hybrid.txt); others have neither directory.
  const auto p_cpus = read_cpulist(root, HostRoot::sys("devices/cpu_core/cpus"));
  const auto e_cpus = read_cpulist(root, HostRoot::sys("devices/cpu_atom/cpus"));
  if (p_cpus && e_cpus) {
    cpu.performance_cores = topology ? cores_within(*topology, *p_cpus) : static_cast<int>(p_cpus->size());
    cpu.efficiency_cores = topology ? cores_within(*topology, *e_cpus) : static_cast<int>(e_cpus->size());
  }

  const auto status = root.read(HostRoot::proc("self/status"));
  if (status.ok()) {
    const auto allowed = sys::parse::find_value(sys::parse::parse_key_values(*status.text, ':'), "Cpus_allowed_list");
    if (allowed)
      if (auto cpus = sys::parse::parse_cpulist(*allowed)) cpu.allowed_cpus = std::move(*cpus);
  }

  std::string detail = cpu.model.value_or("unknown model") + ": ";
  const auto count = [](int n, const char* noun) { return std::to_string(n) + " " + noun + (n == 1 ? "" : "s"); };
  if (cpu.cores) detail += count(*cpu.cores, "core") + ", ";
  detail += count(cpu.threads, "thread");
  if (cpu.performance_cores && cpu.efficiency_cores)
    detail += " (" + std::to_string(*cpu.performance_cores) + "P + " + std::to_string(*cpu.efficiency_cores) + "E)";
  const int threads = cpu.threads;
  facts.cpu = std::move(cpu);
  if (!cpuinfo_file.ok()) return failed("cannot read " + cpuinfo_file.describe() + "; counts come from sysfs");
  if (threads == 0) return failed("no processors listed in " + cpuinfo_file.host_path);
  if (!online)
    return failed("cannot read or parse " + online_path + "; " + detail + " counted in " + cpuinfo_file.host_path);
  return ok(detail);
}

}  // namespace autocut::detect
