// run_process on Windows, over the Windows ChildProcess (CreateProcessW, a job object, polled pipes): standard output
// kept up to `max_output` bytes, lines ending "\n" whichever way the tool ended them; of standard error, the last
// 8 KiB the ChildProcess keeps, which holds the whole of what a tool says when it fails.
#include "sys/process.hpp"

#include <algorithm>

#include "sys/child_process.hpp"

namespace autocut::sys {

ProcessOutput run_process(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                          std::size_t max_output, const std::vector<std::string>& environment) {
  ProcessOutput output;
  auto child = ChildProcess::start(argv, environment, output.error);
  if (!child) return output;
  child->close_input();
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left <= std::chrono::milliseconds(0)) {
      output.timed_out = true;
      break;
    }
    const auto read = child->read_line(left, max_output);
    if (read.status == ReadStatus::ended) break;
    if (read.status == ReadStatus::timed_out) {
      output.timed_out = true;
      break;
    }
    if (output.out.size() >= max_output) continue;  // read on, so the tool is not blocked writing
    output.out += read.line + '\n';
    output.out.resize(std::min(output.out.size(), max_output));
  }
  if (output.timed_out) child->kill();
  output.exit_code = child->wait(std::chrono::seconds(5));
  output.err = child->error_output();
  return output;
}

}  // namespace autocut::sys
