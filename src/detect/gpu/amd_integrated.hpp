// Whether an amdgpu device is an APU sharing system memory rather than a board with its own. Pure.
#pragma once

#include <cstdint>
#include <optional>

namespace autocut::detect {

bool amd_is_integrated(bool has_vram_vendor, std::optional<std::uint64_t> vram_total,
                       std::optional<std::uint64_t> gtt_total);

}  // namespace autocut::detect
