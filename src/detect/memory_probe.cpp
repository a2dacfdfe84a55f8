// Host memory from /proc/meminfo. Container limits are the cgroup probe's; the profile combines the two.
#include "detect/probe.hpp"
#include "sys/parse/meminfo.hpp"

namespace autocut::detect {

ProbeOutcome probe_memory(const ProbeContext& context, core::HostFacts& facts) {
  const auto& root = context.root;
  const auto file = root.read(sys::HostRoot::proc("meminfo"));
  if (!file.ok()) return failed("cannot read " + file.describe());
  const auto info = sys::parse::parse_meminfo(*file.text);
  if (!info.total_bytes || *info.total_bytes == 0) return failed("no valid MemTotal in " + file.host_path);

  core::MemoryFacts memory;
  memory.total_bytes = *info.total_bytes;
  memory.available_bytes = info.available_bytes;
  memory.swap_total_bytes = info.swap_total_bytes.value_or(0);
  memory.swap_free_bytes = info.swap_free_bytes.value_or(0);
  facts.memory = memory;
  // MemFree is not a substitute: it leaves out reclaimable cache and makes a busy machine look full.
  if (!info.available_bytes)
    return failed("no MemAvailable in " + file.host_path + " (kernel before 3.14?): available memory unknown");
  return ok(std::to_string(*info.total_bytes >> 20) + " MiB total, " + std::to_string(*info.available_bytes >> 20) +
            " MiB available");
}

}  // namespace autocut::detect
