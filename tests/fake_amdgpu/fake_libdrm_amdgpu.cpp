// An ABI-level stand-in for libdrm_amdgpu.so.1: it exports the three C calls autocut looks up and answers the device
// info query from a table of real boards, so the real dlopen, dlsym, render node and calling code runs without an AMD
// GPU. A board is told by the render node's file name, which the caller opened (a fixture's /dev/dri holds empty
// files of those names): renderD128 is a Radeon RX 7900 XTX, renderD129 an Instinct MI100, renderD130 a Radeon
// RX 580. Any other node answers -ENODEV, as libdrm does for a device that is not amdgpu's.
//
// The struct is the kernel's (amdgpu_drm.h): the layout both sides read is the ABI itself.
#include <amdgpu_drm.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>

namespace {

struct Board {
  const char* render_node;
  std::uint32_t vram_type;
  std::uint32_t bus_width_bits;
  std::uint64_t max_memory_clock_khz;
};

// Clocks as the driver reports them (pp_dpm_mclk's highest state), widths and types from AMD's specifications:
// 960 GB/s, 1228.8 GB/s and 256 GB/s once each type's transfers per clock are counted.
constexpr Board kBoards[] = {
    {"renderD128", AMDGPU_VRAM_TYPE_GDDR6, 384, 1250000},
    {"renderD129", AMDGPU_VRAM_TYPE_HBM, 4096, 1200000},
    {"renderD130", AMDGPU_VRAM_TYPE_GDDR5, 256, 2000000},
};

const Board* board_behind(int fd) {
  char target[4096];
  const auto link = "/proc/self/fd/" + std::to_string(fd);
  const auto length = ::readlink(link.c_str(), target, sizeof target - 1);
  if (length <= 0) return nullptr;
  target[length] = '\0';
  const char* name = std::strrchr(target, '/');
  name = name ? name + 1 : target;
  for (const auto& board : kBoards)
    if (std::strcmp(board.render_node, name) == 0) return &board;
  return nullptr;
}

}  // namespace

extern "C" {

__attribute__((visibility("default"))) int amdgpu_device_initialize(int fd, std::uint32_t* major, std::uint32_t* minor,
                                                                    void** device) {
  const Board* board = board_behind(fd);
  if (!board) return -ENODEV;
  *major = 3;
  *minor = 54;
  *device = const_cast<Board*>(board);
  return 0;
}

__attribute__((visibility("default"))) int amdgpu_device_deinitialize(void* device) { return device ? 0 : -EINVAL; }

__attribute__((visibility("default"))) int amdgpu_query_info(void* device, unsigned info_id, unsigned size,
                                                             void* value) {
  if (!device || !value) return -EINVAL;
  if (info_id != AMDGPU_INFO_DEV_INFO) return -EINVAL;
  const auto& board = *static_cast<const Board*>(device);
  drm_amdgpu_info_device info{};
  info.vram_type = board.vram_type;
  info.vram_bit_width = board.bus_width_bits;
  info.max_memory_clock = board.max_memory_clock_khz;
  // The kernel copies no more than the caller asked for.
  std::memcpy(value, &info, size < sizeof info ? size : sizeof info);
  return 0;
}

}  // extern "C"
