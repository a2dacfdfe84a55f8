// What each platform's main does around its commands: the command line parsed (a bad one is one line and exit 2),
// and the configuration read once, so that nothing below looks at the environment or the working directory.
#pragma once

#include <CLI/App.hpp>
#include <iosfwd>
#include <optional>

#include "cli/detection_flags.hpp"
#include "config/settings.hpp"

namespace autocut::cli {

// nullopt: parsed, go on; else the exit status (help printed, or the error told).
std::optional<int> parse_command_line(CLI::App& app, int argc, char** argv);

// The settings, with the problems of the .env file told on `err`; nullopt after telling refused values (exit 2).
std::optional<config::Settings> read_settings(const DetectionFlags& detection, std::ostream& err);

}  // namespace autocut::cli
