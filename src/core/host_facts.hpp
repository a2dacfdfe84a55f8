// What the probes found on the host, as plain values: no I/O, no rendering. Not thread-safe to mutate; safe to share
// once built.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/editor_facts.hpp"
#include "core/runtime_facts.hpp"

namespace autocut::core {

// "absent" means the host has no such thing (no PSI in this kernel); "failed" means it has one we could not read.
enum class ProbeState { ok, absent, failed, pending };  // pending: still running in the background

struct ProbeStatus {
  std::string name;
  ProbeState state = ProbeState::ok;
  std::string detail;
  std::chrono::microseconds duration{0};
};

struct CpuFacts {
  std::optional<std::string> model;
  std::optional<std::string> vendor;
  std::optional<std::string> architecture;  // "x86_64", "aarch64", ...
  int threads = 0;                          // online logical CPUs
  std::optional<int> cores;                 // physical cores
  std::optional<int> sockets;
  std::optional<int> performance_cores;  // hybrid CPUs only
  std::optional<int> efficiency_cores;   // hybrid CPUs only
  std::vector<std::string> isa;          // inference-relevant extensions, strongest last within a family
  std::optional<double> max_mhz;
  bool hypervisor = false;        // running in a virtual machine
  std::vector<int> allowed_cpus;  // the affinity mask of this process
};

struct MemoryFacts {
  std::uint64_t total_bytes = 0;
  std::optional<std::uint64_t> available_bytes;  // MemAvailable; unknown on kernels without it
  std::uint64_t swap_total_bytes = 0;
  std::uint64_t swap_free_bytes = 0;
};

struct CpuQuota {
  std::uint64_t quota_us = 0;
  std::uint64_t period_us = 0;
};

// The limits of the container the process runs in: a Linux control group, or on Windows the job object it is in
// (version and path then do not apply).
struct CgroupFacts {
  int version = 2;                                  // 1 or 2
  std::string path;                                 // the group's path inside its hierarchy, as /proc/self/cgroup says
  std::optional<std::uint64_t> memory_limit_bytes;  // tightest limit among the visible ancestors
  std::optional<std::uint64_t> memory_working_set_bytes;  // usage minus inactive file cache
  std::optional<CpuQuota> cpu_quota;
  std::optional<std::vector<int>> cpuset;
  bool job_object = false;
};

struct PsiWindow {
  double avg10 = 0;
  double avg60 = 0;
  double avg300 = 0;
  std::uint64_t total_us = 0;
};

struct PsiResource {
  PsiWindow some;
  std::optional<PsiWindow> full;
};

struct PressureFacts {
  std::optional<PsiResource> cpu;
  std::optional<PsiResource> memory;
  std::optional<PsiResource> io;
};

struct OsFacts {
  std::optional<std::string> kernel;
  std::optional<std::string> distribution;
  std::optional<std::string> container;  // "docker", "podman", "kubernetes", "lxc", ... when inside one
  bool wsl = false;

  // Windows detection names the kernel "Windows NT <version>".
  bool windows() const { return kernel && kernel->starts_with("Windows NT"); }
};

enum class GpuVendor { nvidia, amd, intel, other };

// One GPU, keyed by its PCI address, with what each source (PCI, NVML, vendor sysfs) said about it.
std::string_view to_string(GpuVendor vendor);  // "nvidia", "amd", "intel", "other"

// A MIG instance of an NVIDIA GPU: a device of its own to CUDA, with memory of its own.
struct MigInstance {
  int gpu_instance = 0;
  int compute_instance = 0;
  std::optional<std::string> uuid;     // "MIG-…"
  std::optional<std::string> profile;  // "3g.20gb", from the instance's name
  std::optional<std::uint64_t> memory_total_bytes;
  std::optional<std::uint64_t> memory_free_bytes;
};

struct GpuFacts {
  std::string pci_address;  // "0000:01:00.0", lower case
  GpuVendor vendor = GpuVendor::other;
  std::optional<std::uint16_t> vendor_id;
  std::optional<std::uint16_t> device_id;
  std::optional<std::string> name;
  std::optional<std::string> uuid;
  std::optional<std::string> kernel_driver;  // "nvidia", "amdgpu", "i915", "xe", "nouveau", ...
  std::optional<std::string> driver_version;
  std::optional<std::string> compute_capability;  // CUDA, "8.9"
  bool integrated = false;                        // shares system memory (APU, iGPU, Jetson-class)
  bool display_only = false;                      // a server BMC's or a hypervisor's display adapter: no compute
  std::optional<std::uint64_t> memory_total_bytes;
  std::optional<std::uint64_t> memory_used_bytes;
  std::optional<std::uint64_t> memory_free_bytes;
  std::optional<std::uint64_t> shared_memory_total_bytes;  // AMD GTT: system memory the GPU may map
  std::optional<double> utilization_percent;
  std::optional<double> temperature_celsius;
  std::optional<double> power_watts;
  std::optional<int> memory_bus_width_bits;  // with the memory clock: the bandwidth token generation is bound by
  std::optional<int> memory_clock_max_mhz;   // as NVML or amdgpu reports it
  // Transfers per tick of that clock: 2 for NVML's, whose clock is half the data rate whatever the memory; amdgpu
  // reports the memory's own clock, which GDDR6 moves 16 times and HBM twice (detect/gpu/amdgpu_memory.hpp).
  int memory_transfers_per_clock = 2;
  std::optional<std::string> memory_type;       // "GDDR6", "HBM", where the driver says
  std::optional<int> encoder_sessions;          // video encoder sessions open now (NVENC)
  std::optional<int> encoder_capacity_percent;  // of H.264 encoding left
  bool mig_enabled = false;
  std::vector<MigInstance> mig_instances;  // with MIG on, the devices a model is fitted on
  std::vector<std::string> sources;        // "pci", "nvml", "amdgpu", "intel", "pci.ids"

  // Bytes per second the memory moves at its highest clock: clock × transfers per clock × bus width.
  std::optional<double> memory_bandwidth() const {
    if (!memory_bus_width_bits || !memory_clock_max_mhz) return std::nullopt;
    return *memory_clock_max_mhz * 1e6 * memory_transfers_per_clock * *memory_bus_width_bits / 8;
  }
};

struct HostFacts {
  bool captured = false;  // read from a captured machine (--root)
  // Probes of a captured machine whose programs or servers were neither asked nor replayed from recorded answers
  // ("ai-runtimes", "ffmpeg"): what they would have found is unknown, not absent.
  std::vector<std::string> not_asked;
  std::optional<OsFacts> os;
  std::optional<CpuFacts> cpu;
  std::optional<MemoryFacts> memory;
  std::optional<CgroupFacts> cgroup;
  std::optional<PressureFacts> pressure;
  std::vector<GpuFacts> gpus;
  std::vector<AiRuntime> runtimes;  // one per kind probed, running or not
  std::optional<CloudFacts> cloud;
  std::optional<ResolveFacts> resolve;
  std::optional<FfmpegFacts> ffmpeg;
  std::vector<ProbeStatus> probes;
};

inline bool not_asked(const HostFacts& facts, std::string_view probe) {
  for (const auto& name : facts.not_asked)
    if (name == probe) return true;
  return false;
}

// A probe still running in the background: what depends on it is "still checking", never "absent".
inline bool still_checking(const HostFacts& facts, std::string_view probe) {
  for (const auto& status : facts.probes)
    if (status.name == probe) return status.state == ProbeState::pending;
  return false;
}

}  // namespace autocut::core
