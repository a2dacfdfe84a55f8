// Configuration and RuntimeProfile: detection as `autocut profile` does it, and runtime_profile.json saved and
// loaded by the core's own rules (atomic writes; a bad file kept aside, never lost).
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>

#include "bindings.hpp"
#include "cli/detection_flags.hpp"
#include "cli/process_settings.hpp"
#include "core/json_mapping.hpp"
#include "json_to_python.hpp"
#include "profile/explain_profile.hpp"
#include "profile/load_profile.hpp"
#include "profile/profile_store.hpp"

namespace autocut::python {
namespace {

using namespace pybind11::literals;

std::shared_ptr<Configuration> load_configuration(const std::optional<std::filesystem::path>& env_file,
                                                  const config::Environment& overrides,
                                                  const std::optional<std::filesystem::path>& root) {
  if (root && !std::filesystem::exists(*root))
    throw ConfigFailure("root " + root->string() +
                        " does not exist (a captured machine's root, with proc/ and sys/ in it, or a Windows "
                        "machine's recording)");
  auto configuration = std::make_shared<Configuration>();
  configuration->settings = cli::load_process_settings(env_file, overrides);
  configuration->root = root;
  configuration->ollama_host_given = overrides.contains("OLLAMA_HOST");
  const auto& errors = configuration->settings.errors;
  if (!errors.empty()) {
    std::string message = errors.front();
    for (std::size_t i = 1; i < errors.size(); ++i) message += "; " + errors[i];
    throw ConfigFailure(message);
  }
  return configuration;
}

Profile detect(const std::shared_ptr<Configuration>& configuration, bool slow_probes) {
  const auto flags = configuration->detection_flags();
  py::gil_scoped_release released;
  return {
      std::make_shared<const core::RuntimeProfile>(cli::detect_profile(flags, configuration->settings, slow_probes)),
      configuration};
}

Profile load(const std::filesystem::path& path, const std::shared_ptr<Configuration>& configuration) {
  profile::LoadedProfile loaded;
  {
    py::gil_scoped_release released;
    loaded =
        profile::load_profile(path, cli::classify_settings(configuration->settings), std::chrono::system_clock::now());
  }
  if (!loaded.profile) throw ProfileFailure(loaded.error);
  return {std::make_shared<const core::RuntimeProfile>(std::move(*loaded.profile)), configuration};
}

// Returns what a person should know about the file it replaced (set aside, other hardware), or "".
std::string save(const Profile& profile, const std::filesystem::path& path) {
  profile::SavedProfileCheck check;
  std::optional<std::string> error;
  {
    py::gil_scoped_release released;
    check = profile::check_saved_profile(path, profile.value->fingerprint, std::chrono::system_clock::now());
    error = profile::save_profile(path, *profile.value);
  }
  if (error) throw ProfileFailure(*error);
  return check.message;
}

bool nothing_detected(const Profile& profile) {
  const auto& probes = profile.value->facts.probes;
  return std::none_of(probes.begin(), probes.end(),
                      [](const auto& probe) { return probe.state == core::ProbeState::ok; });
}

}  // namespace

void bind_profile(py::module_& module) {
  py::class_<Configuration, std::shared_ptr<Configuration>>(
      module, "Configuration",
      "Settings from the .env file, the environment and overrides with the environment's names, and the machine to "
      "detect (this one, or a captured one under root).")
      .def(py::init(&load_configuration), "env_file"_a = py::none(), "overrides"_a = config::Environment{},
           "root"_a = py::none())
      .def_property_readonly(
          "problems", [](const Configuration& c) { return c.settings.problems; },
          "Lines of the .env file that were skipped.")
      .def_property_readonly("root", [](const Configuration& c) { return c.root; });

  py::class_<Profile>(module, "Profile", "A detected or loaded runtime profile.")
      .def_static("detect", &detect, "configuration"_a, "slow_probes"_a = true,
                  "Detects the machine as `autocut profile` does; without slow_probes, AI runtimes and ffmpeg are "
                  "left pending.")
      .def_static("load", &load, "path"_a, "configuration"_a,
                  "Reads runtime_profile.json back; a corrupt or foreign file is kept aside and ProfileError raised.")
      .def("document", [](const Profile& p) { return to_python(core::profile_to_json(*p.value)); })
      .def("json_text", [](const Profile& p) { return core::profile_to_json_text(*p.value); })
      .def(
          "explain",
          [](const Profile& p, const std::optional<std::string>& lang) {
            return profile::explain_profile(*p.value, language_argument(lang));
          },
          "lang"_a = py::none())
      .def("save", &save, "path"_a)
      .def_property_readonly("profile_class", [](const Profile& p) { return core::to_string(p.value->profile_class); })
      .def_property_readonly("nothing_detected", &nothing_detected)
      .def_property_readonly("configuration", [](const Profile& p) { return p.configuration; });
}

}  // namespace autocut::python
