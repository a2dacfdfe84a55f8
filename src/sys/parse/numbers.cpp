#include "sys/parse/numbers.hpp"

#include <charconv>

namespace autocut::sys::parse {

std::string_view trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

namespace {
template <class T>
std::optional<T> parse_whole(std::string_view token) {
  token = trim(token);
  if (token.empty()) return std::nullopt;
  T value{};
  const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (error != std::errc{} || end != token.data() + token.size()) return std::nullopt;
  return value;
}
}  // namespace

std::optional<std::uint64_t> parse_u64(std::string_view token) { return parse_whole<std::uint64_t>(token); }
std::optional<std::int64_t> parse_i64(std::string_view token) { return parse_whole<std::int64_t>(token); }
std::optional<double> parse_double(std::string_view token) { return parse_whole<double>(token); }

std::vector<std::string_view> split_whitespace(std::string_view text) {
  std::vector<std::string_view> fields;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto start = text.find_first_not_of(" \t", pos);
    if (start == std::string_view::npos) break;
    auto end = text.find_first_of(" \t", start);
    if (end == std::string_view::npos) end = text.size();
    fields.push_back(text.substr(start, end - start));
    pos = end;
  }
  return fields;
}

}  // namespace autocut::sys::parse
