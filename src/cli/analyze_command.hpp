// `autocut analyze VIDEO`: describes each scene of a video on the backend the policy chooses, in the analysis
// worker, with this process's monitor watching every attempt — when the local model starts failing, the rules
// move the remaining scenes elsewhere. Ctrl-C keeps the scenes already done.
#pragma once

#include <CLI/App.hpp>
#include <iosfwd>
#include <optional>
#include <string>

#include "cli/detection_flags.hpp"
#include "config/settings.hpp"

namespace autocut::cli {

struct AnalyzeOptions {
  DetectionFlags detection;
  std::string video;
  std::optional<std::string> scenes_file;
  bool detect_scenes = false;  // the default when no --scenes is given; the flag says it out loud
  std::optional<std::string> out;
  std::optional<std::string> backend;
  bool json = false;
};

CLI::App* add_analyze_command(CLI::App& app, AnalyzeOptions& options);
int run_analyze_command(const AnalyzeOptions& options, const config::Settings& settings, core::Language locale_language,
                        std::ostream& out, std::ostream& err);

}  // namespace autocut::cli
