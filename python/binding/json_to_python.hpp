// Documents handed to Python as dicts and lists, in the order the core writes their fields. pybind11_json converts
// only unordered documents (it would sort every object's keys), hence this small walk of our own. Needs the GIL.
#pragma once

#include <pybind11/pybind11.h>

#include <nlohmann/json.hpp>

namespace autocut::python {

pybind11::object to_python(const nlohmann::ordered_json& value);

}  // namespace autocut::python
