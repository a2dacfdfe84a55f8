// The runtime core's configuration, typed and validated: built-in defaults < `.env` < environment < flags.
// Secrets (API keys) are read to record that they are set; the cloud vision key's value is kept only to hand to the
// analysis worker's environment (it makes the calls), and is never printed.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/env_file.hpp"
#include "config/monitor_knobs.hpp"

namespace autocut::config {

struct CloudSettings {
  bool key_present = false;
  std::string base_url;
  std::string model;
};

struct Settings {
  std::string ollama_host = "http://127.0.0.1:11434";
  std::string llama_cpp_host = "http://127.0.0.1:8080";
  std::string lm_studio_host = "http://127.0.0.1:1234";
  std::string vllm_host = "http://127.0.0.1:8000";
  std::chrono::milliseconds probe_timeout{300};
  bool use_local_vision = true;
  std::optional<std::string> local_vision_model;
  CloudSettings cloud_vision{false, "https://api.openai.com/v1", "gpt-4o"};
  CloudSettings cloud_planning{false, "https://api.deepseek.com", "deepseek-chat"};
  std::optional<std::string> nvml_library;
  std::optional<std::string> amdgpu_library;      // AUTOCUT_AMDGPU_LIBRARY: a specific libdrm_amdgpu
  std::optional<std::string> nvml_helper;         // AUTOCUT_NVML_HELPER (environment only); else beside autocut
  std::chrono::milliseconds nvml_timeout{5000};   // AUTOCUT_NVML_TIMEOUT_MS: how long NVML's first look may take
  std::vector<std::string> path;                  // PATH, split
  std::optional<std::string> resolve_script_api;  // RESOLVE_SCRIPT_API
  std::optional<std::string> resolve_script_lib;  // RESOLVE_SCRIPT_LIB
  std::optional<std::string> cache_dir;           // $XDG_CACHE_HOME/autocut, else $HOME/.cache/autocut
  // Where a local Ollama keeps its models: OLLAMA_MODELS, else ~/.ollama/models, else the Linux service's
  std::vector<std::string> ollama_models_dirs;
  std::vector<std::string> lm_studio_models_dirs;  // ~/.lmstudio/models, where LM Studio keeps its downloads

  // Policy knobs (see docs/policy.md).
  double fit_factor = 1.3;                              // AUTOCUT_FIT_FACTOR, 1.0 to 4.0
  std::uint64_t cpu_vision_max_mib = 3072;              // AUTOCUT_CPU_VISION_MAX_MIB, 256 to 65536
  std::uint64_t gpu_reserve_mib = 512;                  // AUTOCUT_GPU_RESERVE_MIB, 0 to 65536
  std::optional<std::uint64_t> editor_gpu_reserve_mib;  // AUTOCUT_EDITOR_GPU_RESERVE_MIB, 0 to 65536
  std::string kv_cache_type = "f16";                    // OLLAMA_KV_CACHE_TYPE: f16, q8_0 or q4_0, as Ollama reads it
  std::optional<std::string> level_floor;               // AUTOCUT_LEVEL_FLOOR, a level name
  double class_high_gib = 15.0;                         // AUTOCUT_CLASS_HIGH_GIB: GPU memory for LOCAL_GPU_HIGH
  double class_mid_gib = 7.5;                           // AUTOCUT_CLASS_MID_GIB
  double class_low_gib = 3.5;                           // AUTOCUT_CLASS_LOW_GIB; each below the one above
  // AUTOCUT_API_TOKEN: the one secret kept, because the service must compare requests with it. Never printed.
  std::optional<std::string> api_token;
  // OPENAI_API_KEY and the like, by variable name, from any layer: the analysis worker's environment gets them, so a
  // key kept in `.env` reaches the process that uses it. Never printed.
  std::map<std::string, std::string> worker_secrets;
  // AUTOCUT_KEYFRAMES_MAX_MIB, 0 to 65536: the analysis jobs' scene pictures kept by the service, all together.
  std::uint64_t keyframes_max_mib = 256;
  std::optional<std::string> analyze_worker;  // AUTOCUT_ANALYZE_WORKER (environment only): the worker's path
  MonitorKnobs monitor;                       // the monitor's rules (docs/monitor.md)

  std::vector<std::string> problems;  // lines of the .env file that were skipped: the rest still loads
  std::vector<std::string> errors;    // values that were refused, each naming the key, the value and what is accepted
};

using Environment = std::map<std::string, std::string>;

// A URL without what may hold a secret: user:password@ and the query string (?api-key=...).
std::string redact_url(const std::string& url);

// `flags` are KEY=value overrides from the command line, with the same names as the environment.
Settings load_settings(const EnvFile& env_file, const Environment& environment, const Environment& flags);

}  // namespace autocut::config
