// Times whole processes: wall-clock from spawn to exit, and the child's peak resident memory.
#pragma once

#include <string>
#include <vector>

namespace autocut::bench {

struct ProcessRun {
  double wall_ms = 0;
  long peak_rss_kib = 0;
  int exit_code = -1;
};

// Runs argv[0] (searched in PATH) with stdout and stderr sent to /dev/null, this process's environment plus
// `extra_environment` ("NAME=value" entries).
ProcessRun run_once(const std::vector<std::string>& argv, const std::vector<std::string>& extra_environment = {});

struct Summary {
  double median_ms = 0;
  double min_ms = 0;
  long peak_rss_kib = 0;  // the largest of all runs
  int runs = 0;
};

// `warmup` untimed runs first, so that caches are warm for every tool alike. Throws if any run fails.
Summary measure(const std::vector<std::string>& argv, int runs, int warmup,
                const std::vector<std::string>& extra_environment = {});

}  // namespace autocut::bench
