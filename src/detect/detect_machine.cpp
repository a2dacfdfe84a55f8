#include "detect/detect_machine.hpp"

#include "detect/detect_all.hpp"
#include "detect/windows/detect_windows.hpp"

namespace autocut::detect {

core::HostFacts detect_machine(const std::optional<std::filesystem::path>& root, const DetectOptions& options) {
  if (root && std::filesystem::is_regular_file(*root)) return windows::detect_recorded_windows(root->string(), options);
  return detect_all(root ? sys::HostRoot(*root) : sys::HostRoot(), options);
}

}  // namespace autocut::detect
