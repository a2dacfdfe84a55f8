#include "config/values.hpp"

#include <cctype>
#include <charconv>
#include <cmath>

namespace autocut::config {

std::optional<bool> parse_bool(std::string value) {
  for (auto& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (value == "true" || value == "1" || value == "yes" || value == "on") return true;
  if (value == "false" || value == "0" || value == "no" || value == "off") return false;
  return std::nullopt;
}

std::optional<std::uint64_t> whole_number(const std::string& text, std::uint64_t low, std::uint64_t high) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < low || value > high) return std::nullopt;
  return value;
}

std::optional<double> decimal_number(const std::string& text, double low, double high) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || !std::isfinite(value) || value < low || value > high)
    return std::nullopt;
  return value;
}

std::string out_of_range(const std::string& key, const std::string& value, const std::string& accepted) {
  return key + "=\"" + value.substr(0, 40) + "\" is not " + accepted;
}

}  // namespace autocut::config
