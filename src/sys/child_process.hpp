// A program talked to while it runs: lines to its standard input, lines from its standard output as they come, its
// standard error kept (the last few KiB) to explain a failure. For the analysis worker, which streams results for
// minutes and takes policy updates on the way. One owner thread; the destructor kills and reaps a child still
// running, so none is ever left behind.
#pragma once

#include <sys/types.h>

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
  void signal(int signal_number);
  // Waits for the exit, killing the child at the deadline. 128 + signal when killed by one.
  int wait(std::chrono::milliseconds deadline);
  std::string error_output() const { return err_; }
  pid_t pid() const { return pid_; }

 private:
  ChildProcess() = default;
  void take_error_output();

  pid_t pid_ = -1;
  int in_ = -1, out_ = -1, err_fd_ = -1;
  std::string pending_;  // output read past the last whole line
  std::string err_;
  bool out_ended_ = false;
  bool skipping_ = false;  // inside an overlong line, after the part returned
  std::optional<int> exit_code_;
};

}  // namespace autocut::sys
