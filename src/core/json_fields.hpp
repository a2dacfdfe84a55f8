// Reading a JSON document we wrote, field by field, where every error names the field by its path
// ("gpus[0].vendor_id is not four hexadecimal digits") rather than by nlohmann's type error. Header-only; pure.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace autocut::core {

// A field that is not what the writer writes: the message names it by its path in the document.
struct BadField {
  std::string path;
  std::string expected;
};

// One object of the document, with its path, so that every error says where it is.
class Fields {
 public:
  Fields(const nlohmann::ordered_json& object, std::string path) : object_(object), path_(std::move(path)) {
    if (!object_.is_object()) throw BadField{path_, "an object"};
  }

  const nlohmann::ordered_json& raw(const char* key) const {
    static const nlohmann::ordered_json null;
    const auto it = object_.find(key);
    return it == object_.end() ? null : *it;
  }
  std::string at(const char* key) const { return path_.empty() ? key : path_ + "." + key; }

  template <class T>
  std::optional<T> optional(const char* key) const {
    const auto& value = raw(key);
    if (value.is_null()) return std::nullopt;
    if (!fits<T>(value)) throw BadField{at(key), kind<T>()};
    return value.get<T>();
  }
  template <class T>
  T required(const char* key) const {
    auto value = optional<T>(key);
    if (!value) throw BadField{at(key), kind<T>()};
    return *value;
  }
  template <class T>
  T or_default(const char* key, T fallback) const {
    return optional<T>(key).value_or(fallback);
  }
  // A list of plain values; absent or null is an empty list.
  template <class T>
  std::vector<T> list(const char* key) const {
    std::vector<T> values;
    const auto& value = raw(key);
    if (value.is_null()) return values;
    if (!value.is_array()) throw BadField{at(key), std::string("a list of ") + kind_plural<T>()};
    for (const auto& item : value) {
      if (!fits<T>(item)) throw BadField{at(key), std::string("a list of ") + kind_plural<T>()};
      values.push_back(item.template get<T>());
    }
    return values;
  }
  std::vector<std::string> strings(const char* key) const { return list<std::string>(key); }
  // Each element of a list of objects.
  template <class Each>
  void each(const char* key, Each&& each_one) const {
    const auto& value = raw(key);
    if (value.is_null()) return;
    if (!value.is_array()) throw BadField{at(key), "a list"};
    for (std::size_t i = 0; i < value.size(); ++i) each_one(Fields(value[i], at(key) + "[" + std::to_string(i) + "]"));
  }
  std::optional<Fields> object(const char* key) const {
    const auto& value = raw(key);
    if (value.is_null()) return std::nullopt;
    return Fields(value, at(key));
  }

 private:
  template <class T>
  static bool fits(const nlohmann::ordered_json& value) {
    if constexpr (std::is_same_v<T, bool>) return value.is_boolean();
    if constexpr (std::is_same_v<T, std::string>) return value.is_string();
    if constexpr (std::is_floating_point_v<T>) return value.is_number();
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
      if (!value.is_number_integer()) return false;
      if constexpr (std::is_unsigned_v<T>) return value.is_number_unsigned() || value.get<long long>() >= 0;
      return true;
    }
    return false;
  }
  template <class T>
  static const char* kind_plural() {
    if constexpr (std::is_same_v<T, std::string>) return "strings";
    return "numbers";
  }
  template <class T>
  static const char* kind() {
    if constexpr (std::is_same_v<T, bool>) return "true or false";
    if constexpr (std::is_same_v<T, std::string>) return "a string";
    if constexpr (std::is_floating_point_v<T>) return "a number";
    return "a whole number";
  }

  const nlohmann::ordered_json& object_;
  std::string path_;
};

}  // namespace autocut::core
