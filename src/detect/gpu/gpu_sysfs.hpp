// Reading one PCI GPU's sysfs attributes and its hwmon sensors through the host root.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sys/host_root.hpp"

namespace autocut::detect {

class GpuSysfs {
 public:
  GpuSysfs(const sys::HostRoot& root, const std::string& pci_address);

  bool exists(const std::string& attribute) const;
  std::optional<std::uint64_t> number(const std::string& attribute) const;
  std::optional<std::string> text(const std::string& attribute) const;
  // A hwmon value divided by `scale` (millidegrees -> degrees, microwatts -> watts), from the first hwmon
  // directory that has it.
  std::optional<double> hwmon_scaled(const std::string& sensor, double scale) const;
  // The device's DRM render node as a host path ("/dev/dri/renderD128"), where the driver made one.
  std::optional<std::string> render_node() const;

 private:
  const sys::HostRoot& root_;
  std::string base_;
};

}  // namespace autocut::detect
