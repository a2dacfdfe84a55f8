#include "cli/profile_command.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <ostream>

#include "core/json_mapping.hpp"
#include "model_fit/measured_fits.hpp"
#include "profile/explain_profile.hpp"
#include "profile/profile_store.hpp"

namespace autocut::cli {
namespace {

// Where to save, if anywhere. Profiling a captured machine (--root) must not overwrite this machine's profile,
// so it saves only when told where.
std::optional<std::filesystem::path> save_path(const ProfileOptions& options) {
  if (options.no_save) return std::nullopt;
  if (options.output) return options.output;
  if (options.state_dir) return *options.state_dir / profile::kProfileFileName;
  if (options.detection.root) return std::nullopt;
  return std::filesystem::path(profile::kProfileFileName);
}

// A probe that failed may still have found something (a CPU counted from sysfs without cpuinfo): that is a partial
// detection, reported probe by probe, not nothing.
bool nothing_detected(const core::HostFacts& facts) {
  const bool any_probe_ok = std::any_of(facts.probes.begin(), facts.probes.end(),
                                        [](const auto& probe) { return probe.state == core::ProbeState::ok; });
  return !any_probe_ok && !facts.cpu && !facts.memory && facts.gpus.empty();
}

}  // namespace

CLI::App* add_profile_command(CLI::App& app, ProfileOptions& options) {
  auto* command = app.add_subcommand("profile", "Detect this machine and explain what it can run");
  auto* json =
      command->add_flag("--json", options.json, "Print the profile document as JSON instead of the explanation");
  command->add_flag("--explain", options.explain, "Print the plain-language explanation (the default)")->excludes(json);
  add_detection_flags(*command, options.detection);
  command->add_option("--state-dir", options.state_dir,
                      "Directory to save runtime_profile.json in, made if missing (default: .)");
  command->add_option("--output", options.output, "File to save the profile to (overrides --state-dir)");
  command->add_flag("--no-save", options.no_save, "Do not save the profile");
  return command;
}

int run_profile_command(const ProfileOptions& options, const config::Settings& settings, core::Language locale_language,
                        std::ostream& out, std::ostream& err) {
  const auto profile = detect_profile(options.detection, settings);
  const auto now = profile.detected_at;

  int exit_code = 0;
  if (const auto path = save_path(options)) {
    const auto saved = profile::check_saved_profile(*path, profile.fingerprint, now);
    if (!saved.message.empty()) err << "autocut: " << saved.message << "\n";
    if (const auto error = profile::save_profile(*path, profile)) {
      err << "autocut: " << *error << " (choose another place with --state-dir or --output, or pass --no-save)\n";
      exit_code = 1;
    }
    // What the runtimes report loaded models taking is kept beside the profile for the next fit.
    const auto fits = path->parent_path().empty() ? std::filesystem::path(model_fit::kMeasuredFitsFileName)
                                                  : path->parent_path() / model_fit::kMeasuredFitsFileName;
    if (const auto error = model_fit::keep_measured_fits(fits, profile.facts.runtimes))
      err << "autocut: " << *error << "\n";
  }

  if (options.json) {
    out << core::profile_to_json_text(profile);
  } else {
    out << profile::explain_profile(profile, chosen_language(options.detection, locale_language));
  }

  if (nothing_detected(profile.facts)) {
    err << "autocut: nothing could be detected"
        << (options.detection.root ? " under " + options.detection.root->string() : std::string())
        << ": is it a machine's root, with proc/ and sys/ in it?\n";
    exit_code = 1;
  }
  return exit_code;
}

}  // namespace autocut::cli
