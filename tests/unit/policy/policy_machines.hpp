// Synthetic machines for the policy tests: a GPU of a given size, an Ollama in a given state, keys, editors.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/runtime_profile.hpp"

namespace autocut::policy::testing {

enum class Ollama { absent, installed, running };
enum class Resolve { absent, free, studio };

struct MachineSpec {
  std::vector<std::uint64_t> gpu_mib;  // reported totals, one per discrete NVIDIA card
  bool unified = false;                // a Jetson-class GPU sharing system memory
  int threads = 24;
  Ollama ollama = Ollama::absent;
  std::vector<std::string> models;  // installed in Ollama: moondream, llava:7b, qwen2.5vl:7b, llama3.2:3b
  bool openai_key = false;
  bool deepseek_key = false;
  Resolve resolve = Resolve::absent;
  bool ffmpeg = true;
  bool nvenc_works = false;
  bool slow_probes_pending = false;  // detection's fast pass: AI servers and ffmpeg still being asked
};

core::RuntimeProfile machine(const MachineSpec& spec);

}  // namespace autocut::policy::testing
