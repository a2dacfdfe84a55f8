// autocut_runtime._core: the runtime core for Python. The pure-Python package around it gives the original's names.
#include "bindings.hpp"

namespace autocut::python {

core::Language language_argument(const std::optional<std::string>& name) {
  if (!name) return core::language_from_environment();
  if (const auto language = core::parse_language(*name)) return *language;
  throw py::value_error("lang must be \"en\" or \"zh\" (got \"" + name->substr(0, 40) + "\")");
}

PythonCallable keep_callable(py::object callable) {
  return PythonCallable(new py::object(std::move(callable)), [](py::object* object) {
    py::gil_scoped_acquire gil;
    delete object;
  });
}

}  // namespace autocut::python

PYBIND11_MODULE(_core, module) {
  using namespace autocut::python;
  module.doc() = "The autocut runtime core: detection, policy, monitor and analysis (see autocut_runtime).";
  py::register_exception<ProfileFailure>(module, "ProfileError", PyExc_ValueError);
  py::register_exception<ConfigFailure>(module, "ConfigError", PyExc_ValueError);
  bind_profile(module);
  bind_policy(module);
  bind_service(module);
  bind_analysis(module);
}
