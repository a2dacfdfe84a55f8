// ExecutionPolicy: the policy resolved for a profile at a level, its degradation one level down, and admission.
#include <pybind11/stl.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "bindings.hpp"
#include "cli/policy_command.hpp"
#include "core/time_text.hpp"
#include "json_to_python.hpp"
#include "policy/admit.hpp"
#include "policy/ladder.hpp"
#include "policy/policy_text.hpp"
#include "policy/resolve.hpp"

namespace autocut::python {
namespace {

using namespace pybind11::literals;

core::Level level_argument(const std::string& name) {
  if (const auto level = core::parse_level(name)) return *level;
  throw py::value_error("level must be LOCAL_GPU_HIGH, LOCAL_GPU_MID, LOCAL_GPU_LOW, LOCAL_CPU_ONLY or HYBRID (got \"" +
                        name.substr(0, 40) + "\")");
}

Policy resolve(const Profile& profile, const std::shared_ptr<Configuration>& configuration,
               const std::optional<std::string>& level) {
  if (level) level_argument(*level);
  const auto& settings = configuration->settings;
  Policy policy{profile.value, cli::policy_config(settings), {}, {}};
  py::gil_scoped_release released;
  policy.value = policy::resolve(*profile.value, policy.config, cli::chosen_level(*profile.value, settings, level));
  return policy;
}

// One level down from where this policy stands (HYBRID stays, and the record says so), resolved again.
Policy degraded(const Policy& policy, const std::string& reason) {
  policy::Ladder ladder{policy.value.level, std::nullopt, policy.history};
  ladder = policy::degrade(std::move(ladder), reason, std::chrono::system_clock::now());
  Policy next{policy.profile, policy.config, policy::resolve(*policy.profile, policy.config, ladder.level()),
              ladder.history};
  return next;
}

py::list history(const Policy& policy) {
  py::list list;
  for (const auto& change : policy.history) {
    py::dict entry;
    entry["time"] = core::format_time(change.time, "%Y-%m-%dT%H:%M:%SZ", true);
    entry["from"] = std::string(core::to_string(change.from));
    entry["to"] = std::string(core::to_string(change.to));
    entry["reason"] = change.reason;
    list.append(std::move(entry));
  }
  return list;
}

py::object admit(const Policy& policy, const std::string& kind, const std::optional<std::string>& model) {
  policy::TaskKind task_kind;
  if (kind == "vision")
    task_kind = policy::TaskKind::vision;
  else if (kind == "planning")
    task_kind = policy::TaskKind::planning;
  else if (kind == "editing")
    task_kind = policy::TaskKind::editing;
  else
    throw py::value_error("kind must be vision, planning or editing (got \"" + kind.substr(0, 40) + "\")");
  const auto [runs, task] = policy::admit(*policy.profile, policy.config, policy.value.level, task_kind, model);
  auto document = policy::task_to_json(task);
  document["admitted"] = runs;
  document["level"] = core::to_string(policy.value.level);
  return to_python(document);
}

}  // namespace

void bind_policy(py::module_& module) {
  py::class_<Policy>(module, "Policy", "What runs where, with which model, within which limits, and why.")
      .def_static("resolve", &resolve, "profile"_a, "configuration"_a, "level"_a = py::none(),
                  "The policy at `level`, or at the detected class under any configured floor (AUTOCUT_LEVEL_FLOOR).")
      .def("degraded", &degraded, "reason"_a, "The policy one level down.")
      .def(
          "document",
          [](const Policy& p, const std::optional<std::string>& lang) {
            return to_python(policy::policy_to_json(p.value, language_argument(lang)));
          },
          "lang"_a = py::none())
      .def(
          "explain",
          [](const Policy& p, const std::optional<std::string>& lang) {
            return policy::explain_policy(p.value, language_argument(lang));
          },
          "lang"_a = py::none())
      .def("admit", &admit, "kind"_a, "model"_a = py::none(), "Where one task of this kind would run at this level.")
      .def_property_readonly("level", [](const Policy& p) { return core::to_string(p.value.level); })
      .def_property_readonly("detected", [](const Policy& p) { return core::to_string(p.value.detected); })
      .def_property_readonly("history", &history, "The degradations that led here: time, from, to, reason.");
}

}  // namespace autocut::python
