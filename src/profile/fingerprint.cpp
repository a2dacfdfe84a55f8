#include "profile/fingerprint.hpp"

#include <cstdint>
#include <cstdio>

namespace autocut::profile {
namespace {

// FNV-1a: a fingerprint only has to tell machines apart, not resist an attacker.
std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

}  // namespace

std::string hardware_fingerprint(const core::HostFacts& facts) {
  std::string canonical;
  if (facts.cpu) {
    canonical += "cpu=" + facts.cpu->model.value_or("?") + "|" + facts.cpu->vendor.value_or("?") + "|" +
                 std::to_string(facts.cpu->threads) + "|" + std::to_string(facts.cpu->cores.value_or(0)) + ";";
  }
  if (facts.memory) {
    const auto gib = (facts.memory->total_bytes + (std::uint64_t{1} << 29)) >> 30;
    canonical += "mem=" + std::to_string(gib) + ";";
  }
  for (const auto& gpu : facts.gpus) {
    canonical += "gpu=" + gpu.pci_address + "|" + std::to_string(gpu.vendor_id.value_or(0)) + ":" +
                 std::to_string(gpu.device_id.value_or(0)) + "|" +
                 std::to_string((gpu.memory_total_bytes.value_or(0) + (std::uint64_t{1} << 29)) >> 30) + ";";
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a(canonical)));
  return hex;
}

}  // namespace autocut::profile
