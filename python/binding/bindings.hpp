// The extension module autocut_runtime._core, one file per part, and the values its parts hand each other. The
// binding decides nothing: every rule, fit and wording comes from the core library; it converts, releases the GIL
// around whatever waits or computes, and takes it back only to touch Python objects.
#pragma once

#include <pybind11/pybind11.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/detection_flags.hpp"
#include "config/settings.hpp"
#include "core/language.hpp"
#include "core/runtime_profile.hpp"
#include "policy/ladder.hpp"
#include "policy/policy.hpp"
#include "policy/policy_config.hpp"

namespace autocut::python {

namespace py = pybind11;

// Raised to Python as autocut_runtime.ProfileError and autocut_runtime.ConfigError (both ValueErrors).
struct ProfileFailure : std::runtime_error {
  using std::runtime_error::runtime_error;
};
struct ConfigFailure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The settings a caller chose (the .env file, the environment, its overrides) and the machine detection reads:
// this one, or a captured one under `root`.
struct Configuration {
  config::Settings settings;
  std::optional<std::filesystem::path> root;
  bool ollama_host_given = false;  // ollama_host= named by the caller: asked even for a captured machine, as the CLI

  cli::DetectionFlags detection_flags() const {
    cli::DetectionFlags flags;
    flags.root = root;
    if (ollama_host_given) flags.ollama_host = settings.ollama_host;
    return flags;
  }
};

struct Profile {
  std::shared_ptr<const core::RuntimeProfile> value;
  std::shared_ptr<Configuration> configuration;  // how it came about: a monitor detects again the same way
};

struct Policy {
  std::shared_ptr<const core::RuntimeProfile> profile;
  policy::PolicyConfig config;
  policy::ExecutionPolicy value;
  std::vector<policy::LevelChange> history;  // degradations that led to this level
};

// None: the locale's language (LC_ALL, LC_MESSAGES, LANG); else "en" or "zh", or ValueError.
core::Language language_argument(const std::optional<std::string>& name);

// A Python callable kept by C++ threads: copying and dropping it never touch the reference count without the GIL.
using PythonCallable = std::shared_ptr<py::object>;
PythonCallable keep_callable(py::object callable);

void bind_profile(py::module_& module);
void bind_policy(py::module_& module);
void bind_service(py::module_& module);
void bind_analysis(py::module_& module);

}  // namespace autocut::python
