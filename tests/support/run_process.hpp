// Runs a command line through the shell and captures what a user would see: stdout, stderr, exit code.
#pragma once

#include <string>

namespace autocut::testing {

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

ProcessResult run_shell(const std::string& command_line);
std::string shell_quote(const std::string& text);

}  // namespace autocut::testing
