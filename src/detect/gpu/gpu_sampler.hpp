// Live GPU figures for the monitor: set up once from the profile's GPU list, then sampled every few seconds
// without enumerating again. Not thread-safe: one sampling thread owns a sampler.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/host_facts.hpp"
#include "detect/gpu/nvml_library.hpp"
#include "detect/probe.hpp"

namespace autocut::detect {

struct GpuSample {
  std::string pci_address;
  std::optional<std::uint64_t> memory_total_bytes;
  std::optional<std::uint64_t> memory_used_bytes;
  std::optional<double> utilization_percent;
  std::optional<double> temperature_celsius;
  std::optional<double> power_watts;
  bool lost = false;  // the GPU is gone: fallen off the bus, or its device directory vanished
  std::string error;  // why figures are missing; empty when all went well
};

class GpuSampler {
 public:
  GpuSampler(const sys::HostRoot& root, const std::vector<core::GpuFacts>& gpus, const DetectOptions& options,
             bool wsl);
  ~GpuSampler();
  GpuSampler(const GpuSampler&) = delete;
  GpuSampler& operator=(const GpuSampler&) = delete;

  // One sample per GPU, in the order given at construction. A GPU that NVML reported lost is looked up again by
  // its PCI address after 1, 2, 4 … 64 samples (about five minutes at 5 s), so a card that comes back (a driver
  // reload, a reset) is sampled again, and one that stays gone costs no NVML calls in between.
  std::vector<GpuSample> sample();

 private:
  enum class Kind { nvml, amdgpu, sysfs_only };
  struct Tracked {
    std::string pci_address;
    Kind kind = Kind::sysfs_only;
    bool integrated = false;
    nvml::Device device = nullptr;
    std::string setup_error;
    bool lost = false;
    int samples_until_reprobe = 0;
    int reprobe_backoff = 1;
  };

  GpuSample sample_lost_nvml(Tracked& gpu) const;
  GpuSample sample_nvml(Tracked& gpu) const;
  GpuSample sample_sysfs(const Tracked& gpu) const;
  void system_memory(GpuSample& sample) const;

  sys::HostRoot root_;
  std::unique_ptr<nvml::Library> nvml_;
  std::vector<Tracked> gpus_;
};

}  // namespace autocut::detect
