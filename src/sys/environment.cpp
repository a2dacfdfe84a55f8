#include "sys/environment.hpp"

#include <string_view>

extern char** environ;

namespace autocut::sys {

std::map<std::string, std::string> process_environment() {
  std::map<std::string, std::string> variables;
  for (char** entry = environ; entry && *entry; ++entry) {
    const std::string_view text(*entry);
    if (const auto equals = text.find('='); equals != std::string_view::npos)
      variables.emplace(text.substr(0, equals), text.substr(equals + 1));
  }
  return variables;
}

std::vector<std::string> tool_environment() { return {"PATH=/usr/local/bin:/usr/bin:/bin", "LC_ALL=C"}; }

}  // namespace autocut::sys
