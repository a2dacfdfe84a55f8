// The execution policy: for each kind of task, where it runs, with which model, within which limits, and why.
// Plain values, built by policy::resolve.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/level.hpp"

namespace autocut::policy {

enum class TaskKind { vision, planning, editing };

enum class Backend {
  ollama_gpu,       // a local Ollama model on the GPU
  ollama_cpu,       // a local Ollama model on the CPU
  local_openai,     // another local OpenAI-compatible server (llama.cpp, LM Studio, vLLM)
  cloud,            // an OpenAI-compatible cloud API
  builtin,          // the CPU analyzer with no model: vision never has nowhere to run
  davinci_resolve,  // scripted DaVinci Resolve Studio
  ffmpeg_hardware,  // ffmpeg with a hardware encoder that passed its trial
  ffmpeg_software,  // ffmpeg with libx264
  none,             // nothing can do it here; the reasons say what would
  pending,          // not decided yet: a probe it depends on is still running
};

struct Limits {
  int max_concurrent = 1;
  int batch_size = 1;
  int frames_per_scene = 1;
  int image_max_side = 768;
  std::chrono::seconds timeout{120};
  int context_tokens = 0;  // the context a local model is loaded with (Ollama's num_ctx); 0: the runtime's default
};

// One device's part of a model: its layers and what they, the graph and (on the first) the projector take.
struct DeviceFit {
  std::string device;
  int layers = 0;
  std::uint64_t bytes = 0;
};

// How the chosen local model fits: the estimate from its own metadata, where it goes, and what was measured.
struct FitReport {
  std::string basis;  // "metadata" (its architecture), "size" (download size × AUTOCUT_FIT_FACTOR), "loaded"
  int context = 0;
  int frames = 0;  // images per request the context and memory were sized for
  std::string kv_cache = "f16";
  std::uint64_t weights_bytes = 0;
  std::uint64_t kv_cache_bytes = 0;
  std::uint64_t graph_bytes = 0;
  std::uint64_t projector_bytes = 0;
  std::uint64_t image_bytes = 0;
  std::uint64_t predicted_bytes = 0;  // the estimate's total
  std::optional<std::uint64_t> measured_bytes =
      std::nullopt;  // what the runtime reported loaded (now or before) at this context
  std::optional<std::uint64_t> measured_vram_bytes = std::nullopt;  // of which on GPUs
  std::uint64_t usable_bytes = 0;                                   // on the devices it was fitted to
  std::uint64_t reserved_bytes = 0;                                 // kept for the editor on the same GPU
  int layers = 0;
  int gpu_layers = 0;
  double gpu_share = 0;  // of the bytes
  std::vector<DeviceFit> devices = {};
  std::optional<double> tokens_per_second =
      std::nullopt;  // rough: the GPU's memory bandwidth over the bytes read per token
};

// A reason or a suggestion: a stable code a program can act on, and the values its sentence needs.
struct Note {
  std::string code;
  std::map<std::string, std::string> values;
};

struct TaskPolicy {
  TaskKind kind = TaskKind::vision;
  Backend backend = Backend::none;
  std::optional<std::string> model;
  std::string device;    // "gpu 0000:01:00.0", "cpu", "cloud"
  std::string endpoint;  // where to send requests, when there is one
  Limits limits;
  std::vector<Note> reasons;                    // the first is the main one
  std::optional<FitReport> fit = std::nullopt;  // for a local model
};

struct ExecutionPolicy {
  core::Level level = core::Level::local_cpu_only;     // the level this policy was resolved for
  core::Level detected = core::Level::local_cpu_only;  // the machine's class
  TaskPolicy vision;
  TaskPolicy planning;
  TaskPolicy editing;
  std::vector<Note> suggestions;
};

std::string_view to_string(TaskKind kind);
std::string_view to_string(Backend backend);

}  // namespace autocut::policy
