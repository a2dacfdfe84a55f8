// Every display or 3D controller on the PCI bus, whatever its vendor or driver: the list the vendor probes enrich.
#include <algorithm>
#include <array>

#include "detect/probe.hpp"
#include "sys/parse/key_value.hpp"
#include "sys/parse/pci.hpp"

namespace autocut::detect {
namespace {

using sys::HostRoot;

constexpr std::uint32_t kDisplayControllerClass = 0x03;  // PCI base class 03h: VGA, XGA, 3D, other display

core::GpuVendor vendor_of(std::uint16_t vendor_id) {
  switch (vendor_id) {
    case 0x10de:
      return core::GpuVendor::nvidia;
    case 0x1002:
      return core::GpuVendor::amd;
    case 0x8086:
      return core::GpuVendor::intel;
    default:
      return core::GpuVendor::other;
  }
}

// Display adapters that only drive a console: server BMCs (ASPEED, Matrox) and the virtual ones of hypervisors
// (QEMU, QXL, virtio, VMware, VirtualBox, Hyper-V, Cirrus). Listed, but never a place for AI work.
bool display_only_vendor(std::uint16_t vendor_id) {
  constexpr std::array<std::uint16_t, 9> kVendors{0x1a03, 0x102b, 0x1234, 0x1b36, 0x1af4,
                                                  0x15ad, 0x80ee, 0x1414, 0x1013};
  return std::find(kVendors.begin(), kVendors.end(), vendor_id) != kVendors.end();
}

}  // namespace

ProbeOutcome probe_pci_gpus(const ProbeContext& context, core::HostFacts& facts) {
  const auto& root = context.root;
  const auto devices_dir = HostRoot::sys("bus/pci/devices");
  if (!root.exists(devices_dir))
    return absent("no PCI devices are visible (" + devices_dir + " is missing, as in many containers)");

  int found = 0;
  std::string problems;
  for (const auto& entry : root.list(devices_dir)) {
    const auto address = sys::parse::normalise_pci_address(entry);
    if (!address) continue;
    const auto base = devices_dir + "/" + entry + "/";
    const auto class_file = root.read(base + "class");
    const auto pci_class = class_file.ok() ? sys::parse::parse_pci_class(*class_file.text) : std::nullopt;
    if (!pci_class) {
      // A device that vanished between listing and reading is not a problem worth reporting.
      if (!class_file.missing()) problems += (problems.empty() ? "" : "; ") + base + "class: unreadable";
      continue;
    }
    if ((*pci_class >> 16) != kDisplayControllerClass) continue;

    core::GpuFacts gpu;
    gpu.pci_address = *address;
    gpu.sources.emplace_back("pci");
    if (const auto uevent = root.read(base + "uevent"); uevent.ok()) {
      const auto fields = sys::parse::parse_key_values(*uevent.text, '=');
      if (const auto driver = sys::parse::find_value(fields, "DRIVER")) gpu.kernel_driver = *driver;
      if (const auto id = sys::parse::find_value(fields, "PCI_ID"))
        if (const auto parsed = sys::parse::parse_pci_id(*id)) {
          gpu.vendor_id = parsed->vendor;
          gpu.device_id = parsed->device;
          gpu.vendor = vendor_of(parsed->vendor);
          gpu.display_only = display_only_vendor(parsed->vendor);
        }
    }
    facts.gpus.push_back(std::move(gpu));
    ++found;
  }
  if (!problems.empty()) return failed(problems);
  if (found == 0) return absent("no display controller on the PCI bus");
  return ok(std::to_string(found) + (found == 1 ? " display controller" : " display controllers") + " on the PCI bus");
}

}  // namespace autocut::detect
