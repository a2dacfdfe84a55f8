// The edge where configuration comes in: the `.env` file, the process environment and flags become Settings,
// and Settings become what the probes are told.
#pragma once

#include <filesystem>
#include <optional>

#include "config/settings.hpp"
#include "detect/probe.hpp"
#include "profile/classify.hpp"

namespace autocut::cli {

// Reads `env_file` (default: .env in the working directory, silently absent) and the process environment.
config::Settings load_process_settings(const std::optional<std::filesystem::path>& env_file,
                                       const config::Environment& flags);

detect::DetectOptions detect_options(const config::Settings& settings);

profile::ClassifySettings classify_settings(const config::Settings& settings);

}  // namespace autocut::cli
