// libFuzzer entry for the PCI attribute parsers: any bytes must parse or be rejected, never crash or leak.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sys/parse/pci.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)autocut::sys::parse::parse_pci_class(text);
  (void)autocut::sys::parse::parse_pci_id(text);
  // A normalised address must be a fixed point.
  if (const auto address = autocut::sys::parse::normalise_pci_address(text)) {
    if (autocut::sys::parse::normalise_pci_address(*address) != address) __builtin_trap();
  }
  return 0;
}
