// libdrm_amdgpu loaded at run time (sys::DynamicLibrary), only on a machine with an AMD GPU: the driver's device
// info, which alone says what memory the board has. Not thread-safe; one probe uses it at a time.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "detect/gpu/amdgpu_memory.hpp"
#include "sys/dynamic_library.hpp"

namespace autocut::detect::amdgpu {

class Library {
 public:
  static constexpr const char* kSoname = "libdrm_amdgpu.so.1";

  // Null, with `error` saying why, when it cannot be loaded or lacks a call.
  static std::unique_ptr<Library> open(const std::string& path, std::string& error);

  // The memory of the GPU behind a DRM render node ("/dev/dri/renderD128" on this machine), or why it cannot be
  // asked: render nodes belong to the "render" group, which a user may not be in.
  std::optional<MemoryBus> memory_bus(const std::filesystem::path& render_node, std::string& error) const;

 private:
  using Device = void*;
  using InitializeFn = int (*)(int, std::uint32_t*, std::uint32_t*, Device*);
  using DeinitializeFn = int (*)(Device);
  using QueryInfoFn = int (*)(Device, unsigned, unsigned, void*);

  Library() = default;
  std::unique_ptr<sys::DynamicLibrary> library_;
  InitializeFn initialize_ = nullptr;
  DeinitializeFn deinitialize_ = nullptr;
  QueryInfoFn query_info_ = nullptr;
};

}  // namespace autocut::detect::amdgpu
