#include "cli/detection_flags.hpp"

#include <CLI/CLI.hpp>
#include <chrono>

#include "cli/process_settings.hpp"
#include "detect/detect_machine.hpp"
#include "profile/build_profile.hpp"

namespace autocut::cli {

void add_detection_flags(CLI::App& command, DetectionFlags& flags) {
  command.add_option("--lang", flags.language, "Language of the explanation (default: from LANG)")
      ->check(CLI::IsMember({"en", "zh"}));
  command
      .add_option("--root", flags.root,
                  "Detect a captured machine: DIR/proc, DIR/sys, DIR/etc … replace the real ones (or a Windows "
                  "machine's recording, a JSON file)")
      ->check(CLI::ExistingPath);
  command.add_option("--ollama-host", flags.ollama_host, "Where Ollama listens (overrides OLLAMA_HOST)");
  command.add_option("--env-file", flags.env_file, "Settings file to read (default: .env here, if present)");
  command
      .add_option("--gpu-reserve-mib", flags.gpu_reserve_mib,
                  "GPU memory kept back for the driver and runtime (overrides AUTOCUT_GPU_RESERVE_MIB, default 512)")
      ->check(CLI::Range(0, 65536));
}

config::Environment settings_overrides(const DetectionFlags& flags) {
  config::Environment overrides;
  if (flags.ollama_host) overrides["OLLAMA_HOST"] = *flags.ollama_host;
  if (flags.gpu_reserve_mib) overrides["AUTOCUT_GPU_RESERVE_MIB"] = std::to_string(*flags.gpu_reserve_mib);
  return overrides;
}

core::Language chosen_language(const DetectionFlags& flags, core::Language locale_language) {
  return flags.language ? core::parse_language(*flags.language).value_or(locale_language) : locale_language;
}

core::RuntimeProfile detect_profile(const DetectionFlags& flags, const config::Settings& settings, bool slow_probes) {
  auto options = detect_options(settings);
  options.slow_probes = slow_probes;
  options.ollama_host_given = flags.ollama_host.has_value();
  return profile::build_profile(detect::detect_machine(flags.root, options), std::chrono::system_clock::now(),
                                classify_settings(settings));
}

}  // namespace autocut::cli
