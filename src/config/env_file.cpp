#include "config/env_file.hpp"

#include <cctype>

namespace autocut::config {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

bool valid_key(std::string_view key) {
  if (key.empty() || std::isdigit(static_cast<unsigned char>(key.front()))) return false;
  for (char c : key)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}

// The value after '=', or an error message.
bool parse_value(std::string_view raw, std::string& value, std::string& error) {
  raw = trim(raw);
  if (raw.empty()) return value.clear(), true;
  const char quote = raw.front();
  if (quote == '"' || quote == '\'') {
    const auto close = raw.find(quote, 1);
    if (close == std::string_view::npos) return error = "unterminated quote", false;
    const auto rest = trim(raw.substr(close + 1));
    if (!rest.empty() && rest.front() != '#') return error = "text after the closing quote", false;
    const auto inner = raw.substr(1, close - 1);
    value.clear();
    for (std::size_t i = 0; i < inner.size(); ++i) {
      if (quote == '"' && inner[i] == '\\' && i + 1 < inner.size()) {
        const char next = inner[++i];
        value.push_back(next == 'n' ? '\n' : next == 't' ? '\t' : next);
      } else {
        value.push_back(inner[i]);
      }
    }
    return true;
  }
  const auto comment = raw.find(" #");
  value = std::string(trim(raw.substr(0, comment)));
  return true;
}

}  // namespace

EnvFile parse_env_file(std::string_view text) {
  EnvFile file;
  const auto parse_line = [&](std::string_view line, int number) {
    line = trim(line);
    if (line.empty() || line.front() == '#') return;
    if (line.starts_with("export ")) line = trim(line.substr(7));
    const auto eq = line.find('=');
    if (eq == std::string_view::npos) return file.problems.push_back({number, "expected KEY=value"});
    const auto key = trim(line.substr(0, eq));
    if (!valid_key(key))
      return file.problems.push_back(
          {number, "the text before '=' is not a variable name"});  // never echoed: it may be a key
    std::string value, error;
    if (!parse_value(line.substr(eq + 1), value, error)) return file.problems.push_back({number, error});
    file.values[std::string(key)] = std::move(value);
  };
  int number = 0;
  for (std::size_t start = 0; start <= text.size();) {
    const auto end = text.find('\n', start);
    parse_line(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start), ++number);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return file;
}

}  // namespace autocut::config
