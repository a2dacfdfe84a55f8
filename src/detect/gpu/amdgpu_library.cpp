#include "detect/gpu/amdgpu_library.hpp"

#include <amdgpu_drm.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace autocut::detect::amdgpu {
namespace {

// A file descriptor closed on every path out.
struct OpenFile {
  int fd;
  ~OpenFile() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::unique_ptr<Library> Library::open(const std::string& path, std::string& error) {
  auto loaded = sys::DynamicLibrary::open(path, error);
  if (!loaded) return nullptr;
  std::unique_ptr<Library> library(new Library());
  library->initialize_ = reinterpret_cast<InitializeFn>(loaded->symbol("amdgpu_device_initialize"));
  library->deinitialize_ = reinterpret_cast<DeinitializeFn>(loaded->symbol("amdgpu_device_deinitialize"));
  library->query_info_ = reinterpret_cast<QueryInfoFn>(loaded->symbol("amdgpu_query_info"));
  if (!library->initialize_ || !library->deinitialize_ || !library->query_info_) {
    error = path + " lacks amdgpu_device_initialize, amdgpu_device_deinitialize or amdgpu_query_info";
    return nullptr;
  }
  library->library_ = std::move(loaded);
  return library;
}

std::optional<MemoryBus> Library::memory_bus(const std::filesystem::path& render_node, std::string& error) const {
  const OpenFile file{::open(render_node.c_str(), O_RDWR | O_CLOEXEC)};
  if (file.fd < 0) {
    error = render_node.string() + ": " + std::strerror(errno) +
            (errno == EACCES ? " (render nodes are for the \"render\" group)" : "");
    return std::nullopt;
  }
  std::uint32_t major = 0;
  std::uint32_t minor = 0;
  Device device = nullptr;
  // libdrm answers with a negative errno.
  if (const int code = initialize_(file.fd, &major, &minor, &device); code != 0) {
    error = render_node.string() + ": amdgpu_device_initialize: " + std::strerror(-code);
    return std::nullopt;
  }
  drm_amdgpu_info_device info{};
  const int code = query_info_(device, AMDGPU_INFO_DEV_INFO, sizeof info, &info);
  deinitialize_(device);
  if (code != 0) {
    error = render_node.string() + ": AMDGPU_INFO_DEV_INFO: " + std::strerror(-code);
    return std::nullopt;
  }
  // The kernel gives the clock in kHz.
  return MemoryBus{info.vram_type, static_cast<int>(info.vram_bit_width),
                   static_cast<int>(info.max_memory_clock / 1000)};
}

}  // namespace autocut::detect::amdgpu
