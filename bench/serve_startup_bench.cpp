// How fast `autocut serve` answers its first /healthz after being started, and its resident memory once idle, next
// to two peers started and asked the same way in the same run: Python's own http.server (the floor under the
// original Python service) and prometheus-node-exporter (a native Go exporter).
// Usage: serve_startup_bench [runs, default 11]
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "sys/http_client.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct Start {
  double ready_ms = -1;  // negative: never answered
  long idle_rss_kib = 0;
};

long rss_kib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  return 0;
}

// Starts `argv` with output discarded, polls http://127.0.0.1:port`target` until it answers 200.
Start start_and_ask(std::vector<std::string> argv, int port, const std::string& target, const std::string& directory) {
  const auto started = Clock::now();
  const pid_t pid = ::fork();
  if (pid == 0) {
    if (::chdir(directory.c_str()) != 0) std::_Exit(126);
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, STDOUT_FILENO);
    ::dup2(null, STDERR_FILENO);
    std::vector<char*> args;
    for (auto& arg : argv) args.push_back(arg.data());
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    std::_Exit(127);
  }
  const auto url = *autocut::sys::parse_http_url("127.0.0.1:" + std::to_string(port), "80");
  const autocut::sys::HttpLimits limits{std::chrono::milliseconds(200), 16u << 20};
  Start result;
  while (Clock::now() - started < std::chrono::seconds(10)) {
    if (autocut::sys::http_get(url, target, limits).ok()) {
      result.ready_ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
      break;
    }
    std::this_thread::sleep_for(std::chrono::microseconds(500));
  }
  std::this_thread::sleep_for(std::chrono::seconds(1));
  result.idle_rss_kib = rss_kib(pid);
  ::kill(pid, SIGTERM);
  ::waitpid(pid, nullptr, 0);
  return result;
}

struct Summary {
  double median_ms = -1;
  long rss_kib = 0;
};

Summary measure(const std::vector<std::string>& argv, int port, const std::string& target, int runs,
                const std::string& directory) {
  std::vector<double> times;
  Summary summary;
  for (int i = 0; i < runs; ++i) {
    const auto start = start_and_ask(argv, port, target, directory);
    if (start.ready_ms < 0) return summary;
    times.push_back(start.ready_ms);
    summary.rss_kib = std::max(summary.rss_kib, start.idle_rss_kib);
  }
  std::sort(times.begin(), times.end());
  summary.median_ms = times[times.size() / 2];
  return summary;
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::atoi(argv[1]) : 11;
  char dir_template[] = "/tmp/autocut-serve-bench-XXXXXX";
  const std::string directory = ::mkdtemp(dir_template) ? dir_template : "/tmp";
  const int port = 18000 + ::getpid() % 1000;
  const std::string listen = "127.0.0.1:" + std::to_string(port);

  const auto ours = measure(
      {AUTOCUT_BINARY, "serve", "--listen", listen, "--state-dir", directory, "--quiet", "--env-file", "/dev/null"},
      port, "/healthz", runs, directory);
  const auto python = measure({"python3", "-m", "http.server", std::to_string(port), "--bind", "127.0.0.1"}, port, "/",
                              runs, directory);
  const auto exporter =
      measure({"prometheus-node-exporter", "--web.listen-address=" + listen}, port, "/metrics", runs, directory);
  std::filesystem::remove_all(directory);

  const auto row = [](const char* name, const Summary& summary) {
    if (summary.median_ms < 0)
      std::printf("%-34s could not be run\n", name);
    else
      std::printf("%-34s %10.1f ms %10.1f MiB\n", name, summary.median_ms, static_cast<double>(summary.rss_kib) / 1024);
  };
  std::printf("%-34s %13s %14s\n", "first 200 after start (median)", "time", "idle RSS");
  row("autocut serve  GET /healthz", ours);
  row("python3 -m http.server  GET /", python);
  row("prometheus-node-exporter  /metrics", exporter);
  if (ours.median_ms > 0 && python.median_ms > 0)
    std::printf("\nautocut serve answers %.1fx sooner than Python's http.server and idles in %.1fx less memory\n",
                python.median_ms / ours.median_ms,
                static_cast<double>(python.rss_kib) / static_cast<double>(std::max(1L, ours.rss_kib)));
  if (ours.median_ms > 0 && exporter.median_ms > 0)
    std::printf("autocut serve answers %.1fx sooner than node_exporter\n", exporter.median_ms / ours.median_ms);
  if (ours.median_ms > 0) std::printf("first 200 %.1f ms after start (target: <= 5 ms)\n", ours.median_ms);
  return 0;
}
