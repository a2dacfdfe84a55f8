// `autocut profile`: detect the machine, print the explanation or the JSON document, save runtime_profile.json.
#pragma once

#include <CLI/App.hpp>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>

#include "cli/detection_flags.hpp"
#include "config/settings.hpp"
#include "core/language.hpp"

namespace autocut::cli {

struct ProfileOptions {
  DetectionFlags detection;
  bool json = false;
  bool explain = false;  // the default; spelled out for scripts that want to say so
  std::optional<std::filesystem::path> state_dir;
  std::optional<std::filesystem::path> output;
  bool no_save = false;
};

// Declares the subcommand and its flags on `app`; the options are filled when the command line is parsed.
CLI::App* add_profile_command(CLI::App& app, ProfileOptions& options);

// Returns the process exit code. Writes the result to `out` and one-line problems to `err`.
int run_profile_command(const ProfileOptions& options, const config::Settings& settings, core::Language locale_language,
                        std::ostream& out, std::ostream& err);

}  // namespace autocut::cli
