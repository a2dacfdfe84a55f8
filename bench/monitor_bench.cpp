// What the monitor costs: CPU time per sample on this machine (no GPU, and two GPUs through the ABI-level fake
// NVML), and the whole monitor's share of a core over a minute at 1 s and 5 s, next to prometheus-node-exporter's CPU
// time per scrape (default collectors, the way it is usually run) measured in the same run.
// Usage: monitor_bench [seconds per interval run, default 60]
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "detect/detect_all.hpp"
#include "monitor/monitor.hpp"
#include "monitor/system_sampler.hpp"
#include "profile/build_profile.hpp"
#include "sys/http_client.hpp"

namespace {

using namespace std::chrono_literals;
using autocut::monitor::Clock;

double thread_cpu_seconds() {
  timespec now{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

double process_cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

autocut::core::RuntimeProfile profile_with(const autocut::detect::DetectOptions& options) {
  return autocut::profile::build_profile(autocut::detect::detect_all(autocut::sys::HostRoot(), options),
                                         std::chrono::system_clock::now());
}

// Microseconds of CPU per sample, over `count` samples on this thread.
double micros_per_sample(autocut::monitor::SampleSource& source, int count) {
  source.sample(Clock::now(), std::chrono::system_clock::now());  // primes the CPU delta and warms the caches
  const auto start = thread_cpu_seconds();
  for (int i = 0; i < count; ++i) source.sample(Clock::now(), std::chrono::system_clock::now());
  return (thread_cpu_seconds() - start) / count * 1e6;
}

// Percent of one core the running monitor (its thread, its wake-ups, its engine) takes over `span`, measured as the
// whole process's CPU time: run it before anything else has started threads of its own.
double monitor_share(std::chrono::milliseconds interval, std::chrono::seconds span) {
  autocut::monitor::MonitorSettings settings;
  settings.interval = interval;
  // No GPU: the profile only tells the sampler which GPUs to follow.
  autocut::monitor::Monitor monitor(
      std::make_unique<autocut::monitor::SystemSampler>(autocut::sys::HostRoot(), autocut::core::RuntimeProfile{},
                                                        autocut::detect::DetectOptions{}),
      autocut::core::Level::local_cpu_only, settings);
  const auto before = process_cpu_seconds();
  monitor.start();
  std::this_thread::sleep_for(span);
  monitor.stop();
  return (process_cpu_seconds() - before) / std::chrono::duration<double>(span).count() * 100.0;
}

double process_cpu_seconds_of(pid_t pid) {
  std::ifstream file("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(file)), {});
  std::istringstream fields(text.substr(text.rfind(')') + 2));
  std::string field;
  unsigned long long utime = 0, stime = 0;
  for (int index = 3; fields >> field; ++index) {
    if (index == 14) utime = std::stoull(field);
    if (index == 15) {
      stime = std::stoull(field);
      break;
    }
  }
  return static_cast<double>(utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

struct Scrapes {
  double ms_per_scrape = 0;
  std::size_t bytes = 0;
};

// node_exporter's own CPU time per /metrics scrape, or a negative figure when it cannot run here.
Scrapes node_exporter_cost(int scrapes) {
  const std::string port = std::to_string(19100 + ::getpid() % 800);
  const pid_t pid = ::fork();
  if (pid == 0) {
    // Its collectors that need systemd or udev complain on every scrape inside a container; the cost stays counted.
    if (const int null = ::open("/dev/null", O_WRONLY); null >= 0) ::dup2(null, STDERR_FILENO);
    const std::string listen = "--web.listen-address=127.0.0.1:" + port;
    ::execlp("prometheus-node-exporter", "prometheus-node-exporter", listen.c_str(), "--log.level=error",
             static_cast<char*>(nullptr));
    std::_Exit(127);
  }
  const auto url = *autocut::sys::parse_http_url("127.0.0.1:" + port, port);
  const autocut::sys::HttpLimits limits{std::chrono::milliseconds(5000), 64u << 20};
  Scrapes result{-1, 0};
  for (int tries = 0; tries < 100 && !autocut::sys::http_get(url, "/metrics", limits).ok(); ++tries)
    std::this_thread::sleep_for(50ms);
  if (autocut::sys::http_get(url, "/metrics", limits).ok()) {  // also warms it
    const auto before = process_cpu_seconds_of(pid);
    for (int i = 0; i < scrapes; ++i) result.bytes = autocut::sys::http_get(url, "/metrics", limits).body.size();
    result.ms_per_scrape = (process_cpu_seconds_of(pid) - before) / scrapes * 1e3;
  }
  ::kill(pid, SIGTERM);
  ::waitpid(pid, nullptr, 0);
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  const auto span = std::chrono::seconds(argc > 1 ? std::atoi(argv[1]) : 60);

  double shares[2] = {monitor_share(1000ms, span), monitor_share(5000ms, span)};

  autocut::monitor::SystemSampler plain(autocut::sys::HostRoot(), profile_with({}), {});
  const double plain_us = micros_per_sample(plain, 2000);

  ::setenv("AUTOCUT_FAKE_NVML_SCENARIO", "two-cards", 1);
  autocut::detect::DetectOptions with_nvml;
  with_nvml.nvml_library = AUTOCUT_FAKE_NVML;
  const auto gpu_profile = profile_with(with_nvml);
  autocut::monitor::SystemSampler two_gpus(autocut::sys::HostRoot(), gpu_profile, with_nvml);
  const double gpu_us = micros_per_sample(two_gpus, 2000);

  const auto peer = node_exporter_cost(50);
  std::printf("one sample, no GPU:                %8.1f us CPU\n", plain_us);
  std::printf("one sample, two GPUs (fake NVML):  %8.1f us CPU (%zu GPUs sampled)\n", gpu_us,
              gpu_profile.facts.gpus.size());
  if (peer.ms_per_scrape < 0) {
    std::printf("prometheus-node-exporter could not be run (install it: scripts/install-deps)\n");
  } else {
    std::printf("node_exporter, one /metrics scrape: %7.1f us CPU (%zu bytes, default collectors)\n",
                peer.ms_per_scrape * 1e3, peer.bytes);
    std::printf("a sample costs %.0fx less CPU than a node_exporter scrape\n", peer.ms_per_scrape * 1e3 / plain_us);
  }

  for (int i = 0; i < 2; ++i) {
    const auto interval = i == 0 ? 1000ms : 5000ms;
    const double share = shares[i];
    std::printf("monitor running %llds at %.0f s: %.4f%% of a core (target at 5 s: < 0.01%%)",
                static_cast<long long>(span.count()), std::chrono::duration<double>(interval).count(), share);
    if (peer.ms_per_scrape > 0)
      std::printf("; node_exporter scraped as often: %.4f%% (%.0fx more)",
                  peer.ms_per_scrape / static_cast<double>(interval.count()) * 100.0,
                  peer.ms_per_scrape / static_cast<double>(interval.count()) * 100.0 / share);
    std::printf("\n");
  }
  return 0;
}
