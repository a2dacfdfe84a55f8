#include "detect/gpu/gpu_sysfs.hpp"

#include "sys/parse/numbers.hpp"

namespace autocut::detect {

GpuSysfs::GpuSysfs(const sys::HostRoot& root, const std::string& pci_address)
    : root_(root), base_(sys::HostRoot::sys("bus/pci/devices/" + pci_address + "/")) {}

bool GpuSysfs::exists(const std::string& attribute) const { return root_.exists(base_ + attribute); }

std::optional<std::uint64_t> GpuSysfs::number(const std::string& attribute) const {
  const auto file = root_.read(base_ + attribute);
  return file.ok() ? sys::parse::parse_u64(*file.text) : std::nullopt;
}

std::optional<std::string> GpuSysfs::text(const std::string& attribute) const {
  const auto file = root_.read(base_ + attribute);
  if (!file.ok()) return std::nullopt;
  const auto value = sys::parse::trim(*file.text);
  return value.empty() ? std::nullopt : std::optional<std::string>(value);
}

std::optional<double> GpuSysfs::hwmon_scaled(const std::string& sensor, double scale) const {
  for (const auto& hwmon : root_.list(base_ + "hwmon")) {
    const auto file = root_.read(base_ + "hwmon/" + hwmon + "/" + sensor);
    if (!file.ok()) continue;
    if (const auto value = sys::parse::parse_i64(*file.text)) return static_cast<double>(*value) / scale;
  }
  return std::nullopt;
}

std::optional<std::string> GpuSysfs::render_node() const {
  for (const auto& name : root_.list(base_ + "drm"))
    if (name.starts_with("renderD")) return "/dev/dri/" + name;
  return std::nullopt;
}

}  // namespace autocut::detect
