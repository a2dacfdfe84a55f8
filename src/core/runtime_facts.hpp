// What AI runtimes and cloud APIs are available: local servers with their models, and which cloud keys are set.
// Plain values. Keys themselves are never held here, only whether one is configured.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model_shape.hpp"

namespace autocut::core {

struct AiModel {
  std::string name;
  std::optional<std::uint64_t> size_bytes;  // download size
  std::optional<std::string> family;
  std::optional<std::string> parameter_size;  // "7B"
  std::optional<std::string> quantization;    // "Q4_K_M"
  std::vector<std::string> capabilities;      // as the runtime names them: "completion", "vision", "tools", ...
  std::optional<bool> vision;                 // unknown where the runtime does not say
  bool remote = false;                        // Ollama: served by another host, not this machine
  bool loaded = false;
  std::optional<std::uint64_t> loaded_bytes;       // in memory now
  std::optional<std::uint64_t> loaded_vram_bytes;  // of which on a GPU
  std::optional<int> loaded_context;               // the context it was loaded with, where the runtime says
  std::optional<ModelShape> shape;                 // its architecture, from its own metadata
};

enum class RuntimeKind { ollama, llama_cpp, lm_studio, vllm };

struct AiRuntime {
  RuntimeKind kind = RuntimeKind::ollama;
  std::string url;
  bool running = false;    // answered as this kind of server
  bool installed = false;  // its program is on PATH (known for Ollama)
  std::optional<std::string> version;
  std::vector<AiModel> models;
  std::string problem;  // why it is not running or not fully described, in words
  bool fault = false;   // the problem is a fault (silent, failing or garbled server), not simply "not here"
};

struct CloudEndpoint {
  bool key_present = false;
  std::string base_url;
  std::string model;
};

struct CloudFacts {
  CloudEndpoint vision;    // OpenAI-compatible chat completions with images
  CloudEndpoint planning;  // DeepSeek or another OpenAI-compatible chat API
};

std::string_view to_string(RuntimeKind kind);

// The runtime of that kind among those probed, or null.
inline const AiRuntime* find_runtime(const std::vector<AiRuntime>& runtimes, RuntimeKind kind) {
  for (const auto& runtime : runtimes)
    if (runtime.kind == kind) return &runtime;
  return nullptr;
}

}  // namespace autocut::core
