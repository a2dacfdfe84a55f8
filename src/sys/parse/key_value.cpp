#include "sys/parse/key_value.hpp"

#include "sys/parse/numbers.hpp"

namespace autocut::sys::parse {

KeyValues parse_key_values(std::string_view text, char separator) {
  KeyValues pairs;
  for_each_line(text, [&](std::string_view line) {
    const auto at = separator == ' ' ? line.find_first_of(" \t") : line.find(separator);
    if (at == std::string_view::npos) return;
    const auto key = trim(line.substr(0, at));
    if (key.empty()) return;
    pairs.emplace_back(std::string(key), std::string(trim(line.substr(at + 1))));
  });
  return pairs;
}

std::optional<std::string> find_value(const KeyValues& pairs, std::string_view key) {
  for (const auto& [k, v] : pairs)
    if (k == key) return v;
  return std::nullopt;
}

}  // namespace autocut::sys::parse
