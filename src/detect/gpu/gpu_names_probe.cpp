// Names for GPUs that no driver named, from the PCI ID database (libpci and Debian's pci.ids), so that a card is
// named even without its driver. Costly (libpci parses all of pci.ids, ~15 ms), so only done when needed; libpci
// itself (with libudev and zlib) is loaded then too, never by a run whose GPUs are all named. Its header gives the
// types only.
extern "C" {  // libpci's header declares no C linkage of its own
#include <pci/pci.h>
}

#include <array>
#include <cstdarg>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "detect/gpu/gpu_list.hpp"
#include "detect/probe.hpp"
#include "sys/dynamic_library.hpp"

namespace autocut::detect {
namespace {

// libpci's default error handler exits the process; ours turns a corrupt database into a failed probe.
__attribute__((noreturn)) void pci_error(char* format,
                                         ...) {  // the GNU spelling: part of the type, as libpci's pointer wants
  std::array<char, 256> text{};
  va_list args;
  va_start(args, format);
  std::vsnprintf(text.data(), text.size(), format, args);
  va_end(args);
  throw std::runtime_error(std::string("PCI ID database: ") + text.data());
}

void pci_quiet(char*, ...) {}

using AllocFn = pci_access* (*)();
using CleanupFn = void (*)(pci_access*);
using LookupNameFn = char* (*)(pci_access*, char*, int, int, ...);

class PciNames {
 public:
  // Null, with `error` set, when libpci cannot be loaded.
  static std::unique_ptr<PciNames> open(std::string& error) {
    auto library = sys::DynamicLibrary::open("libpci.so.3", error);
    if (!library) return nullptr;
    const auto alloc = reinterpret_cast<AllocFn>(library->symbol("pci_alloc"));
    const auto cleanup = reinterpret_cast<CleanupFn>(library->symbol("pci_cleanup"));
    const auto lookup = reinterpret_cast<LookupNameFn>(library->symbol("pci_lookup_name"));
    if (!alloc || !cleanup || !lookup) {
      error = library->loaded_from() + " lacks pci_alloc, pci_cleanup or pci_lookup_name";
      return nullptr;
    }
    return std::unique_ptr<PciNames>(new PciNames(std::move(library), alloc(), cleanup, lookup));
  }
  ~PciNames() { cleanup_(access_); }
  PciNames(const PciNames&) = delete;
  PciNames& operator=(const PciNames&) = delete;

  std::optional<std::string> lookup(int flags, std::uint16_t vendor, std::uint16_t device = 0) {
    std::array<char, 256> buffer{};
    // Only the pci.ids file: udev's hwdb may hold another version of the names and would make output vary.
    const char* name = lookup_(access_, buffer.data(), static_cast<int>(buffer.size()),
                               flags | PCI_LOOKUP_NO_NUMBERS | PCI_LOOKUP_NO_HWDB, vendor, device);
    return name ? std::optional<std::string>(name) : std::nullopt;
  }

 private:
  PciNames(std::unique_ptr<sys::DynamicLibrary> library, pci_access* access, CleanupFn cleanup,
           LookupNameFn lookup_name)
      : library_(std::move(library)), access_(access), cleanup_(cleanup), lookup_(lookup_name) {
    access_->error = pci_error;
    access_->warning = pci_quiet;
    access_->debug = pci_quiet;
  }

  std::unique_ptr<sys::DynamicLibrary> library_;  // outlives access_: the destructor cleans up first
  pci_access* access_;
  CleanupFn cleanup_;
  LookupNameFn lookup_;
};

}  // namespace

ProbeOutcome probe_gpu_names(const ProbeContext&, core::HostFacts& facts) {
  std::vector<core::GpuFacts*> unnamed;
  for (auto& gpu : facts.gpus)
    if (!gpu.name && gpu.vendor_id && gpu.device_id) unnamed.push_back(&gpu);
  if (unnamed.empty()) return absent(facts.gpus.empty() ? "no GPU to name" : "every GPU is named by its driver");

  std::string error;
  const auto names = PciNames::open(error);
  if (!names) return failed("cannot name GPUs from the PCI ID database: " + error);
  int named = 0;
  for (auto* gpu : unnamed) {
    const auto vendor = names->lookup(PCI_LOOKUP_VENDOR, *gpu->vendor_id);
    const auto device = names->lookup(PCI_LOOKUP_DEVICE, *gpu->vendor_id, *gpu->device_id);
    if (!device) continue;
    gpu->name = vendor ? *vendor + " " + *device : *device;
    add_source(*gpu, "pci.ids");
    ++named;
  }
  if (named == 0) return failed("no name in the PCI ID database for " + std::to_string(unnamed.size()) + " GPU(s)");
  return ok("named " + std::to_string(named) + " GPU" + (named == 1 ? "" : "s") + " from the PCI ID database");
}

}  // namespace autocut::detect
