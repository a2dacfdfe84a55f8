#include "cli/analysis_worker.hpp"

#include <unistd.h>

#include <map>

#include "sys/environment.hpp"

namespace autocut::cli {

std::optional<std::filesystem::path> analysis_worker_program(const config::Settings& settings, std::string& error) {
  std::filesystem::path program;
  if (settings.analyze_worker) {
    program = *settings.analyze_worker;
  } else {
    std::error_code ignored;
    program = std::filesystem::read_symlink("/proc/self/exe", ignored).parent_path() / "autocut-analyze-worker";
  }
  if (::access(program.c_str(), X_OK) == 0) return program;
  error = "the analysis worker " + program.string() +
          " cannot be run: install it beside autocut or set AUTOCUT_ANALYZE_WORKER to its path";
  return std::nullopt;
}

std::vector<std::string> analysis_worker_environment(const config::Settings& settings) {
  auto variables = sys::process_environment();
  for (const auto& [name, value] : settings.worker_secrets) variables[name] = value;
  std::vector<std::string> environment;
  for (const auto& [name, value] : variables) environment.push_back(name + "=" + value);
  return environment;
}

}  // namespace autocut::cli
