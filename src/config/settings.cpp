#include "config/settings.hpp"

#include <filesystem>

#include "config/monitor_knobs.hpp"
#include "config/values.hpp"
#include "core/level.hpp"

namespace autocut::config {
namespace {

// Each source in order of precedence; the last that has the key wins.
class Layers {
 public:
  Layers(const EnvFile& file, const Environment& environment, const Environment& flags)
      : sources_{&file.values, &environment, &flags} {}

  std::optional<std::string> get(const std::string& key) const { return lookup(key, 0); }

  // For keys that choose code to load or places to write: a `.env` in whatever directory autocut runs in must not
  // decide those, only the user's own environment and flags.
  std::optional<std::string> get_trusted(const std::string& key) const { return lookup(key, 1); }

 private:
  std::optional<std::string> lookup(const std::string& key, std::size_t first) const {
    std::optional<std::string> value;
    for (std::size_t i = first; i < 3; ++i)
      if (const auto it = sources_[i]->find(key); it != sources_[i]->end()) value = it->second;
    return value;
  }

  const Environment* sources_[3];
};

}  // namespace

std::string redact_url(const std::string& url) {
  std::string clean = url.substr(0, url.find_first_of("?#"));
  const auto scheme = clean.find("://");
  const auto authority_start = scheme == std::string::npos ? 0 : scheme + 3;
  const auto authority_end = clean.find('/', authority_start);
  const auto at = clean.rfind('@', authority_end == std::string::npos ? std::string::npos : authority_end);
  if (at != std::string::npos && at >= authority_start) clean.erase(authority_start, at + 1 - authority_start);
  return clean;
}

Settings load_settings(const EnvFile& env_file, const Environment& environment, const Environment& flags) {
  Settings settings;
  for (const auto& problem : env_file.problems)
    settings.problems.push_back(".env line " + std::to_string(problem.line) + ": " + problem.message + " (skipped)");
  const Layers layers(env_file, environment, flags);

  const auto text = [&](const char* key, std::string& into) {
    if (const auto value = layers.get(key); value && !value->empty()) into = *value;
  };
  text("OLLAMA_HOST", settings.ollama_host);
  text("LLAMA_CPP_HOST", settings.llama_cpp_host);
  text("LM_STUDIO_HOST", settings.lm_studio_host);
  text("VLLM_HOST", settings.vllm_host);
  text("OPENAI_BASE_URL", settings.cloud_vision.base_url);
  settings.cloud_vision.base_url = redact_url(settings.cloud_vision.base_url);
  text("OPENAI_MODEL", settings.cloud_vision.model);
  text("DEEPSEEK_BASE_URL", settings.cloud_planning.base_url);
  settings.cloud_planning.base_url = redact_url(settings.cloud_planning.base_url);
  text("DEEPSEEK_MODEL", settings.cloud_planning.model);

  if (const auto value = layers.get("USE_LOCAL_VISION"); value && !value->empty()) {
    if (const auto flag = parse_bool(*value))
      settings.use_local_vision = *flag;
    else
      settings.errors.push_back("USE_LOCAL_VISION=\"" + value->substr(0, 40) + "\" is not true or false");
  }
  if (const auto value = layers.get("LOCAL_VISION_MODEL"); value && !value->empty())
    settings.local_vision_model = value;
  if (const auto value = layers.get("AUTOCUT_PROBE_TIMEOUT_MS"); value && !value->empty()) {
    if (const auto ms = whole_number(*value, 10, 10000))
      settings.probe_timeout = std::chrono::milliseconds(*ms);
    else
      settings.errors.push_back(
          out_of_range("AUTOCUT_PROBE_TIMEOUT_MS", *value, "a number of milliseconds from 10 to 10000"));
  }
  if (const auto value = layers.get("AUTOCUT_CPU_VISION_MAX_MIB"); value && !value->empty()) {
    if (const auto mib = whole_number(*value, 256, 65536))
      settings.cpu_vision_max_mib = *mib;
    else
      settings.errors.push_back(out_of_range("AUTOCUT_CPU_VISION_MAX_MIB", *value, "a size in MiB from 256 to 65536"));
  }
  if (const auto value = layers.get("AUTOCUT_KEYFRAMES_MAX_MIB"); value && !value->empty()) {
    if (const auto mib = whole_number(*value, 0, 65536))
      settings.keyframes_max_mib = *mib;
    else
      settings.errors.push_back(out_of_range("AUTOCUT_KEYFRAMES_MAX_MIB", *value, "a size in MiB from 0 to 65536"));
  }
  if (const auto value = layers.get("AUTOCUT_GPU_RESERVE_MIB"); value && !value->empty()) {
    if (const auto mib = whole_number(*value, 0, 65536))
      settings.gpu_reserve_mib = *mib;
    else
      settings.errors.push_back(out_of_range("AUTOCUT_GPU_RESERVE_MIB", *value, "a size in MiB from 0 to 65536"));
  }
  if (const auto value = layers.get("AUTOCUT_EDITOR_GPU_RESERVE_MIB"); value && !value->empty()) {
    if (const auto mib = whole_number(*value, 0, 65536))
      settings.editor_gpu_reserve_mib = *mib;
    else
      settings.errors.push_back(
          out_of_range("AUTOCUT_EDITOR_GPU_RESERVE_MIB", *value, "a size in MiB from 0 to 65536"));
  }
  // Ollama's own variable: the cache it will allocate is what the fit must count.
  if (const auto value = layers.get("OLLAMA_KV_CACHE_TYPE"); value && !value->empty()) {
    if (*value == "f16" || *value == "q8_0" || *value == "q4_0")
      settings.kv_cache_type = *value;
    else
      settings.errors.push_back(out_of_range("OLLAMA_KV_CACHE_TYPE", *value, "f16, q8_0 or q4_0"));
  }
  if (const auto value = layers.get("AUTOCUT_FIT_FACTOR"); value && !value->empty()) {
    if (const auto factor = decimal_number(*value, 1.0, 4.0))
      settings.fit_factor = *factor;
    else
      settings.errors.push_back(out_of_range("AUTOCUT_FIT_FACTOR", *value, "a factor from 1.0 to 4.0"));
  }
  const auto gib_setting = [&](const char* key, double& into) {
    const auto value = layers.get(key);
    if (!value || value->empty()) return;
    if (const auto gib = decimal_number(*value, 0.5, 1024))
      into = *gib;
    else
      settings.errors.push_back(out_of_range(key, *value, "a size in GiB from 0.5 to 1024"));
  };
  gib_setting("AUTOCUT_CLASS_HIGH_GIB", settings.class_high_gib);
  gib_setting("AUTOCUT_CLASS_MID_GIB", settings.class_mid_gib);
  gib_setting("AUTOCUT_CLASS_LOW_GIB", settings.class_low_gib);
  if (!(settings.class_high_gib > settings.class_mid_gib && settings.class_mid_gib > settings.class_low_gib))
    settings.errors.push_back(
        "AUTOCUT_CLASS_HIGH_GIB, AUTOCUT_CLASS_MID_GIB and AUTOCUT_CLASS_LOW_GIB must decrease (now " +
        std::to_string(settings.class_high_gib) + ", " + std::to_string(settings.class_mid_gib) + ", " +
        std::to_string(settings.class_low_gib) + ")");
  if (const auto value = layers.get("AUTOCUT_LEVEL_FLOOR"); value && !value->empty()) {
    if (core::parse_level(*value))
      settings.level_floor = *value;
    else
      settings.errors.push_back(out_of_range("AUTOCUT_LEVEL_FLOOR", *value,
                                             "LOCAL_GPU_HIGH, LOCAL_GPU_MID, LOCAL_GPU_LOW, LOCAL_CPU_ONLY or HYBRID"));
  }
  if (const auto value = layers.get("AUTOCUT_API_TOKEN"); value && !value->empty()) {
    if (value->size() >= 16)
      settings.api_token = value;
    else
      settings.errors.push_back("AUTOCUT_API_TOKEN is shorter than 16 characters");
  }
  // Whether a key is there; the vision key's value goes only to the analysis worker's environment.
  settings.cloud_vision.key_present = !layers.get("OPENAI_API_KEY").value_or("").empty();
  if (settings.cloud_vision.key_present) settings.worker_secrets["OPENAI_API_KEY"] = *layers.get("OPENAI_API_KEY");
  settings.cloud_planning.key_present = !layers.get("DEEPSEEK_API_KEY").value_or("").empty();
  // A program to run: from the environment or a flag, never from a .env file in the working directory.
  if (const auto value = layers.get_trusted("AUTOCUT_ANALYZE_WORKER"); value && !value->empty()) {
    if (std::filesystem::path(*value).is_absolute())
      settings.analyze_worker = value;
    else
      settings.errors.push_back(out_of_range("AUTOCUT_ANALYZE_WORKER", *value, "an absolute path"));
  }
  if (const auto value = layers.get_trusted("AUTOCUT_NVML_HELPER"); value && !value->empty()) {
    if (std::filesystem::path(*value).is_absolute())
      settings.nvml_helper = value;
    else
      settings.errors.push_back(out_of_range("AUTOCUT_NVML_HELPER", *value, "an absolute path"));
  }
  if (const auto value = layers.get("AUTOCUT_NVML_TIMEOUT_MS"); value && !value->empty()) {
    if (const auto ms = whole_number(*value, 100, 600000))
      settings.nvml_timeout = std::chrono::milliseconds(*ms);
    else
      settings.errors.push_back(
          out_of_range("AUTOCUT_NVML_TIMEOUT_MS", *value, "a number of milliseconds from 100 to 600000"));
  }
  if (const auto value = layers.get_trusted("AUTOCUT_NVML_LIBRARY"); value && !value->empty()) {
    if (std::filesystem::path(*value).is_absolute())
      settings.nvml_library = value;
    else
      settings.errors.push_back(out_of_range("AUTOCUT_NVML_LIBRARY", *value, "an absolute path"));
  }
  if (const auto value = layers.get_trusted("AUTOCUT_AMDGPU_LIBRARY"); value && !value->empty()) {
    if (std::filesystem::path(*value).is_absolute())
      settings.amdgpu_library = value;
    else
      settings.errors.push_back(out_of_range("AUTOCUT_AMDGPU_LIBRARY", *value, "an absolute path"));
  }

  if (const auto value = layers.get("RESOLVE_SCRIPT_API"); value && !value->empty())
    settings.resolve_script_api = value;
  if (const auto value = layers.get("RESOLVE_SCRIPT_LIB"); value && !value->empty())
    settings.resolve_script_lib = value;
  // Windows keeps a program's own data under %LOCALAPPDATA% ("C:\\Users\\…\\AppData\\Local").
  const auto windows_folder = [](const std::string& path) { return path.size() > 2 && path[1] == ':'; };
  if (const auto value = layers.get_trusted("LOCALAPPDATA"); value && windows_folder(*value))
    settings.cache_dir = *value + "\\autocut\\cache";
  else if (const auto xdg = layers.get_trusted("XDG_CACHE_HOME"); xdg && xdg->starts_with('/'))
    settings.cache_dir = *xdg + "/autocut";
  else if (const auto home = layers.get_trusted("HOME"); home && home->starts_with('/'))
    settings.cache_dir = *home + "/.cache/autocut";

  // Ollama's own variable first; the service installed by its Linux script runs as the user "ollama".
  if (const auto models = layers.get_trusted("OLLAMA_MODELS"); models && !models->empty())
    settings.ollama_models_dirs.push_back(*models);
  if (const auto home = layers.get_trusted("HOME"); home && home->starts_with('/'))
    settings.ollama_models_dirs.push_back(*home + "/.ollama/models");
  if (const auto profile = layers.get_trusted("USERPROFILE"); profile && windows_folder(*profile))
    settings.ollama_models_dirs.push_back(*profile + "\\.ollama\\models");
  settings.ollama_models_dirs.push_back("/usr/share/ollama/.ollama/models");
  if (const auto home = layers.get_trusted("HOME"); home && home->starts_with('/'))
    settings.lm_studio_models_dirs.push_back(*home + "/.lmstudio/models");
  if (const auto profile = layers.get_trusted("USERPROFILE"); profile && windows_folder(*profile))
    settings.lm_studio_models_dirs.push_back(*profile + "\\.lmstudio\\models");

  settings.monitor = load_monitor_knobs([&](const char* key) { return layers.get(key); }, settings.errors);

  if (const auto path = layers.get_trusted("PATH")) {
    std::string_view rest = *path;
    while (!rest.empty()) {
      const auto colon = rest.find(':');
      if (const auto dir = rest.substr(0, colon); !dir.empty()) settings.path.emplace_back(dir);
      rest = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon + 1);
    }
  }
  return settings;
}

}  // namespace autocut::config
