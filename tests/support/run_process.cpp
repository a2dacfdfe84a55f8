#include "support/run_process.hpp"

#include <sys/wait.h>

#include <cstdlib>

#include "support/temp_dir.hpp"

namespace autocut::testing {
std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

ProcessResult run_shell(const std::string& command_line) {
  TempDir scratch;
  const auto out = scratch.path() / "out";
  const auto err = scratch.path() / "err";
  const int status = std::system(
      ("( " + command_line + " ) </dev/null >" + shell_quote(out.string()) + " 2>" + shell_quote(err.string()))
          .c_str());
  ProcessResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = read_text(out);
  result.err = read_text(err);
  return result;
}

}  // namespace autocut::testing
