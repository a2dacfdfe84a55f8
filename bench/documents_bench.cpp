// What each GET document of `autocut serve` costs the server: wrk holds 64 connections on one document for a few
// seconds while the server's CPU time (user + system, all threads, from /proc) is read before and after; the
// figure is CPU per answered request, with wrk's p99 latency. Glances' REST API (`glances -w --disable-webui`),
// what a user would run instead to read a machine's state over HTTP, is measured the same way in the same run.
// Prints each document beside the goals (<= 0.03 ms CPU, p99 <= 2 ms, >= 10x less CPU than glances' /api/3/all)
// and the server's resident memory idle and after the load.
// Usage: documents_bench [seconds per document, default 3]
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "served_autocut.hpp"
#include "sys/environment.hpp"
#include "sys/process.hpp"

namespace {

using autocut::bench::first_match;
using autocut::bench::rss_kib;
using autocut::bench::ServedAutocut;

double cpu_seconds(int pid) {
  std::ifstream file("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  // The command name is in parentheses and may hold spaces: count fields after its closing one.
  std::istringstream fields(text.substr(text.rfind(')') + 2));
  std::string field;
  double ticks = 0;
  for (int index = 3; fields >> field && index <= 15; ++index)
    if (index == 14 || index == 15) ticks += std::atof(field.c_str());
  return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  ::close(fd);
  return ntohs(address.sin_port);
}

double milliseconds_of(const std::string& wrk_latency) {
  // wrk writes 812.00us, 1.23ms or 2.01s.
  const double value = std::atof(wrk_latency.c_str());
  if (wrk_latency.ends_with("us")) return value / 1000;
  if (wrk_latency.ends_with("ms")) return value;
  if (wrk_latency.ends_with("s")) return value * 1000;
  return -1;
}

struct Load {
  long long requests = 0;
  long long errors = 0;
  double cpu_ms_per_request = 0;
  double p99_ms = 0;
};

Load load(int server_pid, const std::string& url, int seconds, const std::vector<std::string>& headers = {}) {
  std::vector<std::string> argv{"/usr/bin/wrk", "-t1", "-c64",     "-d" + std::to_string(seconds) + "s",
                                "--timeout",    "10s", "--latency"};
  for (const auto& header : headers) argv.insert(argv.end(), {"-H", header});
  argv.push_back(url);
  const double before = cpu_seconds(server_pid);
  const auto run =
      autocut::sys::run_process(argv, std::chrono::seconds(seconds + 30), 1u << 20, autocut::sys::tool_environment());
  const double after = cpu_seconds(server_pid);
  Load result;
  result.requests = std::atoll(first_match(run.out, R"((\d+) requests in)").c_str());
  for (const char* kind : {"connect", "read", "write", "timeout"})
    result.errors += std::atoll(first_match(run.out, std::string(kind) + R"( (\d+))").c_str());
  result.errors += std::atoll(first_match(run.out, R"(Non-2xx or 3xx responses: (\d+))").c_str());
  result.p99_ms = milliseconds_of(first_match(run.out, R"(99%\s+(\S+))"));
  if (result.requests > 0) result.cpu_ms_per_request = (after - before) * 1000 / static_cast<double>(result.requests);
  if (run.exit_code != 0)
    std::fprintf(stderr, "documents_bench: wrk on %s: %s%s\n", url.c_str(), run.error.c_str(), run.err.c_str());
  return result;
}

std::string etag_of(const std::string& url) {
  const auto run = autocut::sys::run_process({"/usr/bin/curl", "-sS", "-o", "/dev/null", "-D", "-", url},
                                             std::chrono::seconds(10), 1u << 20, autocut::sys::tool_environment());
  return first_match(run.out, R"([Ee][Tt]ag: (\S+))");
}

}  // namespace

int main(int argc, char** argv) {
  const int seconds = argc > 1 ? std::atoi(argv[1]) : 3;
  std::string error;
  const auto server = ServedAutocut::start(error);
  if (!server) {
    std::fprintf(stderr, "documents_bench: %s\n", error.c_str());
    return 1;
  }
  const std::string base = server->url("");

  std::this_thread::sleep_for(std::chrono::seconds(1));
  const long idle_kib = rss_kib(server->pid());
  std::printf("GET documents of autocut serve: wrk -t1 -c64, %d s each; CPU of the server per request\n", seconds);
  std::printf("  %-44s %10s %9s %12s %9s\n", "document", "requests", "errors", "CPU/request", "p99");
  const auto row = [](const std::string& name, const Load& figures) {
    std::printf("  %-44s %10lld %9lld %9.4f ms %6.2f ms\n", name.c_str(), figures.requests, figures.errors,
                figures.cpu_ms_per_request, figures.p99_ms);
  };
  double worst = 0;
  double worst_p99 = 0;
  double status_cpu = 0;
  for (const char* path : {"/api/runtime/status", "/api/runtime/profile", "/api/runtime/policy", "/api/runtime/monitor",
                           "/api/runtime/monitor/metrics/history?minutes=5", "/api/runtime/events",
                           "/api/runtime/explanation", "/metrics", "/openapi.json"}) {
    const auto figures = load(server->pid(), base + path, seconds);
    row(path, figures);
    worst = std::max(worst, figures.cpu_ms_per_request);
    worst_p99 = std::max(worst_p99, figures.p99_ms);
    if (std::string(path) == "/api/runtime/status") status_cpu = figures.cpu_ms_per_request;
  }
  const auto tag = etag_of(base + "/api/runtime/status");
  row("/api/runtime/status, If-None-Match (304)",
      load(server->pid(), base + "/api/runtime/status", seconds, {"If-None-Match: " + tag}));
  row("/healthz (no document: the server's floor)", load(server->pid(), base + "/healthz", seconds));
  const long loaded_kib = rss_kib(server->pid());
  server->stop();

  // The peer after, so its own sampling (every few seconds, in Python) takes no CPU from the figures above.
  const int glances_port = free_port();
  auto glances = autocut::sys::ChildProcess::start(
      {"/usr/bin/glances", "-w", "--disable-webui", "--bind", "127.0.0.1", "--port", std::to_string(glances_port)},
      autocut::sys::tool_environment(), error);
  const std::string glances_url = "http://127.0.0.1:" + std::to_string(glances_port) + "/api/3/all";
  bool glances_up = false;
  for (int i = 0; glances && i < 60 && !glances_up; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    glances_up = autocut::sys::run_process({"/usr/bin/curl", "-sf", "-o", "/dev/null", glances_url},
                                           std::chrono::seconds(5), 1024, autocut::sys::tool_environment())
                     .exit_code == 0;
  }

  Load peer;
  if (glances_up) {
    peer = load(glances->pid(), glances_url, seconds);
    row("glances /api/3/all (the peer)", peer);
  } else {
    std::printf("  glances did not answer on %s: no peer figure\n", glances_url.c_str());
  }

  if (glances) {
    glances->request_stop();
    glances->wait(std::chrono::seconds(10));
  }

  std::printf("resident memory of the server: %.1f MiB idle, %.1f MiB after the load\n",
              static_cast<double>(idle_kib) / 1024, static_cast<double>(loaded_kib) / 1024);
  if (peer.cpu_ms_per_request > 0 && status_cpu > 0)
    std::printf("glances /api/3/all vs autocut /api/runtime/status: %.4f / %.4f ms CPU = %.1fx\n",
                peer.cpu_ms_per_request, status_cpu, peer.cpu_ms_per_request / status_cpu);
  std::printf("targets: every document <= 0.03 ms CPU (worst %.4f), p99 <= 2 ms (worst %.2f), >= 10x glances: %s\n",
              worst, worst_p99,
              worst <= 0.03 && worst_p99 <= 2.0 && peer.cpu_ms_per_request >= 10 * worst ? "met" : "NOT met");
  return 0;
}
