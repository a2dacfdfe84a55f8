// PCI device attributes as sysfs prints them (class "0x030000", uevent's "PCI_ID=10DE:2882").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace autocut::sys::parse {

// "0x030000\n" -> 0x030000 (base class, subclass, programming interface).
std::optional<std::uint32_t> parse_pci_class(std::string_view text);

struct PciId {
  std::uint16_t vendor = 0;
  std::uint16_t device = 0;
};
// "10DE:2882" -> {0x10de, 0x2882}.
std::optional<PciId> parse_pci_id(std::string_view text);

// A PCI address in sysfs's form, "dddd:bb:dd.f" in lower case; nullopt for anything else.
std::optional<std::string> normalise_pci_address(std::string_view text);

}  // namespace autocut::sys::parse
