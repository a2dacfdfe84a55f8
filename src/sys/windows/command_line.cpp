#include "sys/windows/command_line.hpp"

#include <algorithm>
#include <cctype>

namespace autocut::sys::windows {
namespace {

void append_quoted(std::string& line, const std::string& argument) {
  if (!argument.empty() && argument.find_first_of(" \t\n\v\"") == std::string::npos) {
    line += argument;
    return;
  }
  line.push_back('"');
  std::size_t backslashes = 0;
  for (const char c : argument) {
    if (c == '\\') {
      ++backslashes;
      continue;
    }
    // Backslashes before a quote are doubled and the quote escaped; elsewhere they stand for themselves.
    line.append(c == '"' ? 2 * backslashes + 1 : backslashes, '\\');
    backslashes = 0;
    line.push_back(c);
  }
  line.append(2 * backslashes, '\\');  // before the closing quote
  line.push_back('"');
}

std::string lower_name(const std::string& entry) {
  std::string name = entry.substr(0, entry.find('=', 1));  // "=C:=C:\\" entries start with '='
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  return name;
}

}  // namespace

std::string quoted_command_line(const std::vector<std::string>& argv) {
  std::string line;
  for (const auto& argument : argv) {
    if (!line.empty()) line.push_back(' ');
    append_quoted(line, argument);
  }
  return line;
}

std::string environment_block(std::vector<std::string> environment) {
  std::stable_sort(environment.begin(), environment.end(),
                   [](const std::string& a, const std::string& b) { return lower_name(a) < lower_name(b); });
  std::string block;
  for (const auto& entry : environment) {
    block += entry;
    block.push_back('\0');
  }
  if (block.empty()) block.push_back('\0');  // an empty block is still two NULs
  block.push_back('\0');
  return block;
}

}  // namespace autocut::sys::windows
