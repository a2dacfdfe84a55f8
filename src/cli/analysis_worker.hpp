// Where the analysis worker is and what it is given: the program installed beside `autocut` (or
// AUTOCUT_ANALYZE_WORKER), and this process's environment with the keys read from `.env` added, so the worker
// can call the cloud with a key the user keeps there.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "config/settings.hpp"

namespace autocut::cli {

// The worker's path, or nullopt with `error` saying what to install or set.
std::optional<std::filesystem::path> analysis_worker_program(const config::Settings& settings, std::string& error);

std::vector<std::string> analysis_worker_environment(const config::Settings& settings);

}  // namespace autocut::cli
