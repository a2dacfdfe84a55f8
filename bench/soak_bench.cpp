// A soak of `autocut serve`: wrk keeps 64 connections asking for the full status document for a minute while 300
// event streams stay open, and the server's resident memory is read before and after. Prints requests, errors,
// streams still open and the memory growth, beside the figures the service must hold (0 errors, growth <= 3 MiB).
// Usage: soak_bench [seconds, default 60]
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "served_autocut.hpp"
#include "sys/environment.hpp"
#include "sys/process.hpp"

namespace {

// Event streams held open by one thread; counts those the server closed.
class Streams {
 public:
  Streams(int port, int count) {
    for (int i = 0; i < count; ++i) {
      const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
      sockaddr_in address{};
      address.sin_family = AF_INET;
      address.sin_port = htons(static_cast<std::uint16_t>(port));
      address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      const std::string request = "GET /api/runtime/events/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
      if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
          ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size())) {
        ::close(fd);
        ++failed_;
        continue;
      }
      fds_.push_back({fd, POLLIN, 0});
    }
    reader_ = std::jthread([this](std::stop_token stop) { read(stop); });
  }
  ~Streams() {
    reader_.request_stop();
    reader_.join();
    for (const auto& entry : fds_)
      if (entry.fd >= 0) ::close(entry.fd);
  }
  int open() const { return static_cast<int>(fds_.size()) - closed_.load(); }
  int failed() const { return failed_; }
  long long bytes() const { return bytes_.load(); }

 private:
  void read(std::stop_token stop) {
    char buffer[16384];
    while (!stop.stop_requested()) {
      if (::poll(fds_.data(), fds_.size(), 100) <= 0) continue;
      for (auto& entry : fds_) {
        if (entry.fd < 0 || !(entry.revents & (POLLIN | POLLHUP | POLLERR))) continue;
        const auto n = ::recv(entry.fd, buffer, sizeof buffer, 0);
        if (n > 0) {
          bytes_ += n;
        } else {
          ::close(entry.fd);
          entry.fd = -1;  // poll ignores negative descriptors
          ++closed_;
        }
      }
    }
  }

  std::vector<pollfd> fds_;
  int failed_ = 0;
  std::atomic<int> closed_{0};
  std::atomic<long long> bytes_{0};
  std::jthread reader_;
};

long long number_after(const std::string& text, const std::string& pattern) {
  return std::atoll(autocut::bench::first_match(text, pattern).c_str());
}

}  // namespace

int main(int argc, char** argv) {
  const int seconds = argc > 1 ? std::atoi(argv[1]) : 60;
  std::string error;
  const auto server = autocut::bench::ServedAutocut::start(error);
  if (!server) {
    std::fprintf(stderr, "soak_bench: %s\n", error.c_str());
    return 1;
  }
  const int port = server->port();

  Streams streams(port, 300);
  std::this_thread::sleep_for(std::chrono::seconds(2));  // the streams' hello and first samples, then a baseline
  const long before = autocut::bench::rss_kib(server->pid());
  const auto load =
      autocut::sys::run_process({"/usr/bin/wrk", "-t2", "-c64", "-d" + std::to_string(seconds) + "s", "--timeout", "5s",
                                 "http://127.0.0.1:" + std::to_string(port) + "/api/runtime/status"},
                                std::chrono::seconds(seconds + 30), 1u << 20, autocut::sys::tool_environment());
  const long after = autocut::bench::rss_kib(server->pid());
  if (!load.error.empty() || load.exit_code != 0) {
    std::fprintf(stderr, "soak_bench: wrk did not run (%s%s)\n", load.error.c_str(), load.err.c_str());
    return 1;
  }
  const auto requests = number_after(load.out, R"((\d+) requests in)");
  const auto errors = number_after(load.out, R"(Non-2xx or 3xx responses: (\d+))") +
                      number_after(load.out, R"(connect (\d+))") + number_after(load.out, R"(read (\d+))") +
                      number_after(load.out, R"(write (\d+))") + number_after(load.out, R"(timeout (\d+))");
  const int open = streams.open();
  const int status = server->stop();

  const double growth_mib = static_cast<double>(after - before) / 1024;
  std::printf("soak of autocut serve: %d s, wrk -c64 on /api/runtime/status, 300 event streams\n", seconds);
  std::printf("  requests %lld (%.0f/s), errors %lld\n", requests, static_cast<double>(requests) / seconds, errors);
  std::printf("  event streams open at the end: %d of 300 (%d failed to open), %.1f MiB streamed\n", open,
              streams.failed(), static_cast<double>(streams.bytes()) / (1 << 20));
  std::printf("  resident memory %.1f MiB -> %.1f MiB: growth %+.1f MiB\n", static_cast<double>(before) / 1024,
              static_cast<double>(after) / 1024, growth_mib);
  std::printf("  server exit status %d\n", status);
  std::printf("targets: 0 errors, all 300 streams open, growth <= 3 MiB: %s\n",
              errors == 0 && open == 300 && growth_mib <= 3.0 && status == 0 ? "met" : "NOT met");
  return 0;
}
