// A program talked to while it runs: lines to its standard input, lines from its standard output as they come, its
// standard error kept (the last few KiB) to explain a failure. For the analysis worker, which streams results for
// minutes and takes policy updates on the way. One owner thread; the destructor kills and reaps a child still
// running, so none is ever left behind. One file per platform behind this header (child_process.cpp with
// posix_spawn, windows/child_process.cpp with CreateProcessW and a job object).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace autocut::sys {

enum class ReadStatus { line, timed_out, ended };

struct ReadResult {
  ReadStatus status = ReadStatus::ended;
  std::string line;  // without its newline
};

class ChildProcess {
 public:
  // argv[0] is a path; `environment` is the child's whole environment ("NAME=value"). nullptr with `error` set when
  // it cannot be started.
  static std::unique_ptr<ChildProcess> start(const std::vector<std::string>& argv,
                                             const std::vector<std::string>& environment, std::string& error);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // False once the child no longer reads (it ended or closed its input); never raises SIGPIPE.
  bool write_line(std::string_view line);
  void close_input();
  // The next whole line of output, waiting at most `timeout`. A last line without a newline still counts. Lines
  // longer than `max_line` bytes are cut there, so a runaway child cannot take the caller's memory.
  ReadResult read_line(std::chrono::milliseconds timeout, std::size_t max_line = 1u << 20);
  // Asks the child to finish what it is doing and end (SIGTERM; Ctrl-Break on Windows).
  void request_stop();
  // Ends it now (SIGKILL; on Windows the whole job object: the child and everything it started).
  void kill();
  // Kills it and never waits for it: a child stuck inside the kernel (a wedged driver) ends only when it leaves
  // there, and no caller may hang on that. Linux reaps it on a thread of its own; afterwards wait() returns at once.
  void abandon();
  // Waits for the exit, killing the child at the deadline. The exit status; on Linux 128 + signal when a signal
  // ended it.
  int wait(std::chrono::milliseconds deadline);
  // How it ended, in words, once wait() has returned: "exit status 3", "killed by signal 9".
  std::string ended_how() const;
  std::string error_output() const;
  int pid() const;

  struct Impl;  // the platform's handles, defined by each implementation

 private:
  explicit ChildProcess(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace autocut::sys
