// The autocut executable: parses the command line and hands over to a subcommand.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "cli/process_settings.hpp"
#include "cli/profile_command.hpp"
#include "core/language.hpp"

namespace {

// POSIX precedence: LC_ALL, then LC_MESSAGES, then LANG.
autocut::core::Language locale_language() {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"})
    if (const char* value = std::getenv(name); value && *value) return autocut::core::language_from_locale(value);
  return autocut::core::Language::en;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"autocut — knows the machine it runs on and what AI work it can take"};
  app.require_subcommand(1);
  autocut::cli::ProfileOptions profile_options;
  auto* profile = autocut::cli::add_profile_command(app, profile_options);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::ParseError& error) {
    // One line a person can act on, and the usage exit status.
    std::cerr << "autocut: " << error.what() << " (see autocut --help)\n";
    return 2;
  }
  // Configuration is read here, once, so that nothing below looks at the environment or the working directory.
  autocut::config::Environment flags;
  if (profile_options.ollama_host) flags["OLLAMA_HOST"] = *profile_options.ollama_host;
  const auto settings = autocut::cli::load_process_settings(profile_options.env_file, flags);
  for (const auto& problem : settings.problems) std::cerr << "autocut: " << problem << "\n";
  if (profile->parsed())
    return autocut::cli::run_profile_command(profile_options, locale_language(), autocut::cli::detect_options(settings),
                                             std::cout, std::cerr);
  return 2;
}
