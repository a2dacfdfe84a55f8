#include "cli/analysis_worker.hpp"

#include <map>

#include "sys/environment.hpp"
#include "sys/own_program.hpp"

namespace autocut::cli {

std::optional<std::filesystem::path> analysis_worker_program(const config::Settings& settings, std::string& error) {
  const std::filesystem::path program = settings.analyze_worker ? std::filesystem::path(*settings.analyze_worker)
                                                                : sys::installed_beside("autocut-analyze-worker");
  if (sys::can_run(program)) return program;
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
