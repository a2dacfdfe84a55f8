#include "served_autocut.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>

#include "sys/environment.hpp"

namespace autocut::bench {

std::unique_ptr<ServedAutocut> ServedAutocut::start(std::string& error) {
  char directory[] = "/tmp/autocut-bench-XXXXXX";
  if (!::mkdtemp(directory)) {
    error = "no temporary directory";
    return nullptr;
  }
  std::unique_ptr<ServedAutocut> served(new ServedAutocut);
  served->directory_ = directory;
  served->process_ =
      autocut::sys::ChildProcess::start({AUTOCUT_BINARY, "serve", "--quiet", "--listen", "127.0.0.1:0", "--env-file",
                                         "/dev/null", "--root", AUTOCUT_FIXTURE_VM, "--state-dir", directory},
                                        autocut::sys::tool_environment(), error);
  if (!served->process_) return nullptr;
  for (int i = 0; i < 10 && served->port_ == 0; ++i) {
    const auto line = served->process_->read_line(std::chrono::seconds(1));
    if (line.status == autocut::sys::ReadStatus::ended) break;
    served->port_ = std::atoi(first_match(line.line, R"(\(port (\d+)\))").c_str());
  }
  if (served->port_ == 0) {
    error = "the server did not start: " + served->process_->error_output();
    return nullptr;
  }
  return served;
}

int ServedAutocut::stop() {
  if (!stopped_ && process_) {
    process_->request_stop();
    status_ = process_->wait(std::chrono::seconds(10));
    stopped_ = true;
  }
  return status_;
}

ServedAutocut::~ServedAutocut() {
  stop();
  std::error_code ignored;
  if (!directory_.empty()) std::filesystem::remove_all(directory_, ignored);
}

long rss_kib(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  return 0;
}

std::string first_match(const std::string& text, const std::string& pattern) {
  std::smatch match;
  return std::regex_search(text, match, std::regex(pattern)) ? match[1].str() : std::string();
}

}  // namespace autocut::bench
