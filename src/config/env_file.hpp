// `.env` files: KEY=value lines as the original system's python-dotenv read them. Pure.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace autocut::config {

struct EnvFileProblem {
  int line = 0;
  std::string message;
};

struct EnvFile {
  std::map<std::string, std::string> values;
  std::vector<EnvFileProblem> problems;  // malformed lines, each skipped; the rest still loads
};

// Accepts `KEY=value`, `export KEY=value`, single or double quotes (escapes inside double quotes), trailing
// ` # comments` after unquoted values, blank lines and `#` comment lines.
EnvFile parse_env_file(std::string_view text);

}  // namespace autocut::config
