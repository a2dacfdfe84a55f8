#include "json_to_python.hpp"

namespace autocut::python {

namespace py = pybind11;

py::object to_python(const nlohmann::ordered_json& value) {
  using Type = nlohmann::ordered_json::value_t;
  switch (value.type()) {
    case Type::null:
    case Type::discarded:
      return py::none();
    case Type::boolean:
      return py::bool_(value.get<bool>());
    case Type::number_integer:
      return py::int_(value.get<std::int64_t>());
    case Type::number_unsigned:
      return py::int_(value.get<std::uint64_t>());
    case Type::number_float:
      return py::float_(value.get<double>());
    case Type::string: {
      const auto& text = value.get_ref<const std::string&>();
      // Host strings are not always valid UTF-8 (a corrupt cpuinfo): replaced, as the JSON text replaces them.
      return py::reinterpret_steal<py::object>(
          PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "replace"));
    }
    case Type::binary:
      return py::bytes(reinterpret_cast<const char*>(value.get_binary().data()), value.get_binary().size());
    case Type::array: {
      py::list list(value.size());
      std::size_t i = 0;
      for (const auto& item : value) list[i++] = to_python(item);
      return std::move(list);
    }
    case Type::object: {
      py::dict dict;
      for (const auto& [key, item] : value.items()) dict[py::str(key)] = to_python(item);
      return std::move(dict);
    }
  }
  return py::none();
}

}  // namespace autocut::python
