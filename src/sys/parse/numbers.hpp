// Strict number and whitespace helpers for the parsers: no locale, no exceptions, the whole token or nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace autocut::sys::parse {

std::string_view trim(std::string_view text);
std::optional<std::uint64_t> parse_u64(std::string_view token);
std::optional<std::int64_t> parse_i64(std::string_view token);
std::optional<double> parse_double(std::string_view token);
// Splits on runs of spaces and tabs, dropping empty fields.
std::vector<std::string_view> split_whitespace(std::string_view text);
// Calls visit(line) for each line, without the trailing newline.
template <class Visit>
void for_each_line(std::string_view text, Visit&& visit) {
  while (!text.empty()) {
    const auto end = text.find('\n');
    visit(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
}

}  // namespace autocut::sys::parse
