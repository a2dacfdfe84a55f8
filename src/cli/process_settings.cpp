#include "cli/process_settings.hpp"

#include <fstream>
#include <sstream>

#include "sys/environment.hpp"
#include "sys/own_program.hpp"

namespace autocut::cli {

config::Settings load_process_settings(const std::optional<std::filesystem::path>& env_file,
                                       const config::Environment& flags) {
  const auto environment = sys::process_environment();
  config::EnvFile file;
  const auto path = env_file.value_or(".env");
  if (std::ifstream in(path, std::ios::binary); in) {
    std::ostringstream text;
    text << in.rdbuf();
    file = config::parse_env_file(text.str());
  } else if (env_file) {
    file.problems.push_back({0, "cannot read " + path.string()});
  }
  return config::load_settings(file, environment, flags);
}

detect::DetectOptions detect_options(const config::Settings& settings) {
  detect::DetectOptions options;
  options.nvml_library = settings.nvml_library;
  options.amdgpu_library = settings.amdgpu_library;
  options.nvml_deadline = settings.nvml_timeout;
  // Installed beside autocut; a program that embeds detection without it (the Python module) asks NVML itself.
  const auto helper =
      settings.nvml_helper ? std::filesystem::path(*settings.nvml_helper) : sys::installed_beside("autocut-nvml-probe");
  if (sys::can_run(helper)) options.nvml_helper = helper.string();
  options.ollama_host = settings.ollama_host;
  options.llama_cpp_host = settings.llama_cpp_host;
  options.lm_studio_host = settings.lm_studio_host;
  options.vllm_host = settings.vllm_host;
  options.http_timeout = settings.probe_timeout;
  options.path = settings.path;
  options.cloud.vision = {settings.cloud_vision.key_present, settings.cloud_vision.base_url,
                          settings.cloud_vision.model};
  options.cloud.planning = {settings.cloud_planning.key_present, settings.cloud_planning.base_url,
                            settings.cloud_planning.model};
  options.resolve_script_api = settings.resolve_script_api;
  options.resolve_script_lib = settings.resolve_script_lib;
  for (const auto& directory : settings.ollama_models_dirs) options.ollama_models_dirs.emplace_back(directory);
  for (const auto& directory : settings.lm_studio_models_dirs) options.lm_studio_models_dirs.emplace_back(directory);
  if (settings.cache_dir)
    options.ffmpeg_cache_file = std::filesystem::path(*settings.cache_dir) / "ffmpeg-capabilities.json";
  return options;
}

profile::ClassifySettings classify_settings(const config::Settings& settings) {
  return {settings.gpu_reserve_mib << 20, settings.class_high_gib, settings.class_mid_gib, settings.class_low_gib};
}

}  // namespace autocut::cli
