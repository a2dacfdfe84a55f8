// The flags every subcommand that detects the machine shares, and the detection they lead to.
#pragma once

#include <CLI/App.hpp>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "config/settings.hpp"
#include "core/language.hpp"
#include "core/runtime_profile.hpp"

namespace autocut::cli {

struct DetectionFlags {
  std::optional<std::string> language;  // "en" or "zh"; otherwise from the locale
  std::optional<std::filesystem::path> root;
  std::optional<std::string> ollama_host;         // overrides OLLAMA_HOST
  std::optional<std::filesystem::path> env_file;  // default: ./.env
  std::optional<std::uint64_t> gpu_reserve_mib;   // overrides AUTOCUT_GPU_RESERVE_MIB
};

void add_detection_flags(CLI::App& command, DetectionFlags& flags);

// The flags that stand for settings, as KEY=value overrides of the same names as the environment's.
config::Environment settings_overrides(const DetectionFlags& flags);

core::Language chosen_language(const DetectionFlags& flags, core::Language locale_language);

// Detects the machine (or the captured one under --root) and builds its profile.
// Without `slow_probes`, AI runtimes and ffmpeg are left pending (see DetectOptions::slow_probes).
core::RuntimeProfile detect_profile(const DetectionFlags& flags, const config::Settings& settings,
                                    bool slow_probes = true);

}  // namespace autocut::cli
