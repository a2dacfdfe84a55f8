// `autocut policy`: what runs where, with which model, and why; and `autocut admit KIND`: where one task would
// run now.
#pragma once

#include <CLI/App.hpp>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>

#include "cli/detection_flags.hpp"
#include "config/settings.hpp"
#include "policy/policy_config.hpp"

namespace autocut::cli {

struct PolicyOptions {
  DetectionFlags detection;
  bool json = false;
  std::optional<std::string> level;  // show what this level would do
};

struct AdmitOptions {
  DetectionFlags detection;
  std::string kind;                  // vision, planning, editing
  std::optional<std::string> model;  // vision: ask about this model
  bool json = false;
};

CLI::App* add_policy_command(CLI::App& app, PolicyOptions& options);
CLI::App* add_admit_command(CLI::App& app, AdmitOptions& options);

// The settings' policy knobs, and the models' sizes measured before, kept in `state_dir` (the directory of
// runtime_profile.json). A measurements file that cannot be read is said on `warnings` and not used.
policy::PolicyConfig policy_config(const config::Settings& settings, const std::filesystem::path& state_dir = ".",
                                   std::ostream* warnings = nullptr);

// The level to resolve for: `level` when given, else the detected class under any configured floor.
core::Level chosen_level(const core::RuntimeProfile& profile, const config::Settings& settings,
                         const std::optional<std::string>& level);

int run_policy_command(const PolicyOptions& options, const config::Settings& settings, core::Language locale_language,
                       std::ostream& out);
// Exit 0 when the task can run somewhere, 1 when it cannot.
int run_admit_command(const AdmitOptions& options, const config::Settings& settings, core::Language locale_language,
                      std::ostream& out);

}  // namespace autocut::cli
