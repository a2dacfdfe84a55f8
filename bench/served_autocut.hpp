// `autocut serve` started for a benchmark on the debian12-vm fixture, with a state directory of its own and the
// port it chose; and the figures the service benchmarks read of a process or of a tool's output.
#pragma once

#include <memory>
#include <string>

#include "sys/child_process.hpp"

namespace autocut::bench {

class ServedAutocut {
 public:
  // Started and serving, or nullptr with the reason in `error`.
  static std::unique_ptr<ServedAutocut> start(std::string& error);
  ~ServedAutocut();  // stops it (if still running) and removes its state directory

  int pid() const { return process_->pid(); }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
  int port() const { return port_; }
  int stop();  // SIGTERM, then its exit status

 private:
  std::string directory_;
  std::unique_ptr<autocut::sys::ChildProcess> process_;
  int port_ = 0;
  bool stopped_ = false;
  int status_ = -1;
};

long rss_kib(int pid);  // VmRSS of a running process
// The first group of `pattern` in `text`, or "".
std::string first_match(const std::string& text, const std::string& pattern);

}  // namespace autocut::bench
