// The execution policy: for each kind of task, where it runs, with which model, within which limits, and why.
// Plain values, built by policy::resolve.
#pragma once

#include <chrono>
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
  std::vector<Note> reasons;  // the first is the main one
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
