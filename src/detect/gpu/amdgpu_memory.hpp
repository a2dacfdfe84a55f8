// What an AMD GPU's memory can move: its type, bus width and highest clock as the amdgpu driver's device info
// gives them (AMDGPU_INFO_DEV_INFO), and the bandwidth that follows. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/host_facts.hpp"

namespace autocut::detect::amdgpu {

struct MemoryBus {
  std::uint32_t vram_type = 0;  // amdgpu_drm.h's AMDGPU_VRAM_TYPE_*
  int bus_width_bits = 0;
  int clock_max_mhz = 0;  // the memory's own clock, not its data rate
};

// Transfers per clock of the memory's own clock: GDDR6 moves 16, GDDR5 and DDR5 4, HBM and DDR4 2 (the table Mesa
// computes the bandwidth with, after AMD's PAL). None for a type the table does not know: no bandwidth is better than
// a wrong one.
std::optional<int> transfers_per_clock(std::uint32_t vram_type);
// "GDDR6", "HBM", …; none for an unknown type.
std::optional<std::string_view> type_name(std::uint32_t vram_type);

// Writes the bus into the GPU's facts, with the clock and width only where the bandwidth can be computed from them.
void describe_memory(const MemoryBus& bus, core::GpuFacts& gpu);

}  // namespace autocut::detect::amdgpu
