#include "detect/gpu/amdgpu_memory.hpp"

#include <amdgpu_drm.h>

#include <string>

namespace autocut::detect::amdgpu {
namespace {

// Newer than the header Debian ships; numbered so by the kernel's amdgpu_drm.h.
constexpr std::uint32_t kVramTypeLpddr4 = 11;
constexpr std::uint32_t kVramTypeLpddr5 = 12;

}  // namespace

std::optional<int> transfers_per_clock(std::uint32_t vram_type) {
  switch (vram_type) {
    case AMDGPU_VRAM_TYPE_DDR2:
    case AMDGPU_VRAM_TYPE_DDR3:
    case AMDGPU_VRAM_TYPE_DDR4:
    case AMDGPU_VRAM_TYPE_HBM:
    case kVramTypeLpddr4:
      return 2;
    case AMDGPU_VRAM_TYPE_GDDR5:
    case AMDGPU_VRAM_TYPE_DDR5:
    case kVramTypeLpddr5:
      return 4;
    case AMDGPU_VRAM_TYPE_GDDR6:
      return 16;
    default:
      return std::nullopt;
  }
}

std::optional<std::string_view> type_name(std::uint32_t vram_type) {
  switch (vram_type) {
    case AMDGPU_VRAM_TYPE_GDDR1:
      return "GDDR1";
    case AMDGPU_VRAM_TYPE_DDR2:
      return "DDR2";
    case AMDGPU_VRAM_TYPE_GDDR3:
      return "GDDR3";
    case AMDGPU_VRAM_TYPE_GDDR4:
      return "GDDR4";
    case AMDGPU_VRAM_TYPE_GDDR5:
      return "GDDR5";
    case AMDGPU_VRAM_TYPE_HBM:
      return "HBM";
    case AMDGPU_VRAM_TYPE_DDR3:
      return "DDR3";
    case AMDGPU_VRAM_TYPE_DDR4:
      return "DDR4";
    case AMDGPU_VRAM_TYPE_GDDR6:
      return "GDDR6";
    case AMDGPU_VRAM_TYPE_DDR5:
      return "DDR5";
    case kVramTypeLpddr4:
      return "LPDDR4";
    case kVramTypeLpddr5:
      return "LPDDR5";
    default:
      return std::nullopt;
  }
}

void describe_memory(const MemoryBus& bus, core::GpuFacts& gpu) {
  if (const auto name = type_name(bus.vram_type)) gpu.memory_type = std::string(*name);
  const auto transfers = transfers_per_clock(bus.vram_type);
  if (!transfers || bus.bus_width_bits <= 0 || bus.clock_max_mhz <= 0) return;
  gpu.memory_bus_width_bits = bus.bus_width_bits;
  gpu.memory_clock_max_mhz = bus.clock_max_mhz;
  gpu.memory_transfers_per_clock = *transfers;
}

}  // namespace autocut::detect::amdgpu
