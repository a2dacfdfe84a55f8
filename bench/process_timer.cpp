#include "process_timer.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>

extern char** environ;

namespace autocut::bench {

ProcessRun run_once(const std::vector<std::string>& argv, const std::vector<std::string>& extra_environment) {
  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  std::vector<char*> environment;
  for (char** entry = environ; *entry; ++entry) environment.push_back(*entry);
  for (const auto& entry : extra_environment) environment.push_back(const_cast<char*>(entry.c_str()));
  environment.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);

  const auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  const int error = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environment.data());
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) throw std::runtime_error("cannot start " + argv[0]);

  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  const auto end = std::chrono::steady_clock::now();

  ProcessRun run;
  run.wall_ms = std::chrono::duration<double, std::milli>(end - start).count();
  run.peak_rss_kib = usage.ru_maxrss;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return run;
}

Summary measure(const std::vector<std::string>& argv, int runs, int warmup,
                const std::vector<std::string>& extra_environment) {
  for (int i = 0; i < warmup; ++i) run_once(argv, extra_environment);
  std::vector<double> times;
  Summary summary;
  for (int i = 0; i < runs; ++i) {
    const auto run = run_once(argv, extra_environment);
    if (run.exit_code != 0) throw std::runtime_error(argv[0] + " exited with status " + std::to_string(run.exit_code));
    times.push_back(run.wall_ms);
    summary.peak_rss_kib = std::max(summary.peak_rss_kib, run.peak_rss_kib);
  }
  std::sort(times.begin(), times.end());
  summary.runs = runs;
  summary.min_ms = times.front();
  summary.median_ms =
      times.size() % 2 ? times[times.size() / 2] : (times[times.size() / 2 - 1] + times[times.size() / 2]) / 2;
  return summary;
}

}  // namespace autocut::bench
