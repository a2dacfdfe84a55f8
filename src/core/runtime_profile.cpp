#include "core/runtime_profile.hpp"

namespace autocut::core {

std::string_view to_string(CpuTier tier) {
  switch (tier) {
    case CpuTier::low: return "low";
    case CpuTier::medium: return "medium";
    case CpuTier::high: return "high";
    case CpuTier::ultra: return "ultra";
  }
  return "unknown";
}

}  // namespace autocut::core
