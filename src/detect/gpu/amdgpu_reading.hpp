// What the amdgpu driver's sysfs files say about one GPU right now: read the same way for detection and sampling.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "detect/gpu/gpu_sysfs.hpp"

namespace autocut::detect {

struct AmdgpuReading {
  std::optional<std::uint64_t> vram_total_bytes;
  std::optional<std::uint64_t> vram_used_bytes;
  std::optional<std::uint64_t> gtt_total_bytes;
  std::optional<std::uint64_t> gtt_used_bytes;
  bool has_vram_vendor = false;  // boards name their memory's maker; APUs have none
  std::optional<double> busy_percent;
  std::optional<double> temperature_celsius;
  std::optional<double> power_watts;
  std::optional<std::string> product_name;
};

AmdgpuReading read_amdgpu(const GpuSysfs& device);

}  // namespace autocut::detect
