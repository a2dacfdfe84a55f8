#include "cli/profile_command.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <ostream>

#include "core/json_mapping.hpp"
#include "detect/detect_all.hpp"
#include "profile/build_profile.hpp"
#include "profile/explain_profile.hpp"
#include "profile/profile_store.hpp"
#include "sys/host_root.hpp"

namespace autocut::cli {
namespace {

// Where to save, if anywhere. Profiling a captured machine (--root) must not overwrite this machine's profile,
// so it saves only when told where.
std::optional<std::filesystem::path> save_path(const ProfileOptions& options) {
  if (options.no_save) return std::nullopt;
  if (options.output) return options.output;
  if (options.state_dir) return *options.state_dir / profile::kProfileFileName;
  if (options.root) return std::nullopt;
  return std::filesystem::path(profile::kProfileFileName);
}

bool nothing_detected(const core::HostFacts& facts) {
  return std::none_of(facts.probes.begin(), facts.probes.end(),
                      [](const auto& probe) { return probe.state == core::ProbeState::ok; });
}

}  // namespace

CLI::App* add_profile_command(CLI::App& app, ProfileOptions& options) {
  auto* command = app.add_subcommand("profile", "Detect this machine and explain what it can run");
  auto* json = command->add_flag("--json", options.json, "Print the profile document as JSON instead of the explanation");
  command->add_flag("--explain", options.explain, "Print the plain-language explanation (the default)")->excludes(json);
  command->add_option("--lang", options.language, "Language of the explanation (default: from LANG)")
      ->check(CLI::IsMember({"en", "zh"}));
  command->add_option("--root", options.root, "Detect a captured machine: DIR/proc, DIR/sys, DIR/etc … replace the real ones")
      ->check(CLI::ExistingDirectory);
  command->add_option("--state-dir", options.state_dir, "Directory to save runtime_profile.json in (default: .)")
      ->check(CLI::ExistingDirectory);
  command->add_option("--output", options.output, "File to save the profile to (overrides --state-dir)");
  command->add_flag("--no-save", options.no_save, "Do not save the profile");
  command->add_option("--ollama-host", options.ollama_host, "Where Ollama listens (overrides OLLAMA_HOST)");
  command->add_option("--env-file", options.env_file, "Settings file to read (default: .env here, if present)");
  command->add_option("--gpu-reserve-mib", options.gpu_reserve_mib,
                      "GPU memory kept back for the driver and runtime when computing usable VRAM")
      ->capture_default_str()
      ->check(CLI::Range(0, 65536));
  return command;
}

int run_profile_command(const ProfileOptions& options, core::Language locale_language,
                        const detect::DetectOptions& detect_options, std::ostream& out, std::ostream& err) {
  const sys::HostRoot root = options.root ? sys::HostRoot(*options.root) : sys::HostRoot();
  const auto now = std::chrono::system_clock::now();
  const profile::ClassifySettings settings{options.gpu_reserve_mib << 20};
  const auto profile = profile::build_profile(detect::detect_all(root, detect_options), now, settings);

  int exit_code = 0;
  if (const auto path = save_path(options)) {
    const auto saved = profile::check_saved_profile(*path, profile.fingerprint, now);
    if (!saved.message.empty()) err << "autocut: " << saved.message << "\n";
    if (const auto error = profile::save_profile(*path, profile)) {
      err << "autocut: " << *error << " (choose another place with --state-dir or --output, or pass --no-save)\n";
      exit_code = 1;
    }
  }

  if (options.json) {
    out << core::profile_to_json_text(profile);
  } else {
    const auto language = options.language ? core::parse_language(*options.language).value_or(locale_language)
                                           : locale_language;
    out << profile::explain_profile(profile, language);
  }

  if (nothing_detected(profile.facts)) {
    err << "autocut: nothing could be detected" << (options.root ? " under " + options.root->string() : std::string())
        << ": is it a machine's root, with proc/ and sys/ in it?\n";
    exit_code = 1;
  }
  return exit_code;
}

}  // namespace autocut::cli
