#include "core/runtime_profile.hpp"

namespace autocut::core {

std::string_view to_string(CpuTier tier) {
  switch (tier) {
    case CpuTier::low:
      return "low";
    case CpuTier::medium:
      return "medium";
    case CpuTier::high:
      return "high";
    case CpuTier::ultra:
      return "ultra";
  }
  return "unknown";
}

std::string_view to_string(RuntimeKind kind) {
  switch (kind) {
    case RuntimeKind::ollama:
      return "ollama";
    case RuntimeKind::llama_cpp:
      return "llama.cpp";
    case RuntimeKind::lm_studio:
      return "lm-studio";
    case RuntimeKind::vllm:
      return "vllm";
  }
  return "unknown";
}

}  // namespace autocut::core
