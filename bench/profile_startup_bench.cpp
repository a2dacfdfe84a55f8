// Whole-process cost of `autocut profile --json` against `lshw -json`, the fastest full hardware inventory peer.
// Prints both medians, peak memory and the ratio from one run.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <string>

#include "process_timer.hpp"

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::atoi(argv[1]) : 51;
  const int peer_runs = argc > 2 ? std::atoi(argv[2]) : 11;
  try {
    using autocut::bench::measure;
    // No AI runtime listens on the benchmark machine: each probe is a refused connection.
    const auto ours = measure({AUTOCUT_BINARY, "profile", "--json", "--no-save"}, runs, 3);
    // The same detection with an NVIDIA card answering through NVML (the ABI-level fake: real dlopen and calls).
    const auto with_gpu =
        measure({AUTOCUT_BINARY, "profile", "--json", "--no-save"}, runs, 3,
                {std::string("AUTOCUT_NVML_LIBRARY=") + AUTOCUT_FAKE_NVML, "AUTOCUT_FAKE_NVML_SCENARIO=one-card"});
    // ffmpeg's encoder trials: cold (a cache that can never be written) and warm (a cache from the warm-up run).
    const auto cold = measure({AUTOCUT_BINARY, "profile", "--json", "--no-save"}, std::max(3, runs / 10), 0,
                              {"XDG_CACHE_HOME=/proc/autocut-no-cache"});
    char warm_dir[] = "/tmp/autocut-bench-XXXXXX";
    const std::string warm_cache = ::mkdtemp(warm_dir) ? warm_dir : "/tmp";
    const auto warm =
        measure({AUTOCUT_BINARY, "profile", "--json", "--no-save"}, runs, 1, {"XDG_CACHE_HOME=" + warm_cache});
    std::filesystem::remove_all(warm_cache);
    const auto peer = measure({"lshw", "-json"}, peer_runs, 1);

    std::printf("%-28s %6s %12s %10s %14s\n", "command", "runs", "median (ms)", "min (ms)", "peak RSS (MiB)");
    std::printf("%-28s %6d %12.2f %10.2f %14.1f\n", "autocut profile --json", ours.runs, ours.median_ms, ours.min_ms,
                static_cast<double>(ours.peak_rss_kib) / 1024.0);
    std::printf("%-28s %6d %12.2f %10.2f %14.1f\n", "  + one GPU through NVML", with_gpu.runs, with_gpu.median_ms,
                with_gpu.min_ms, static_cast<double>(with_gpu.peak_rss_kib) / 1024.0);
    std::printf("%-28s %6d %12.2f %10.2f %14.1f\n", "  ffmpeg trials, cold cache", cold.runs, cold.median_ms,
                cold.min_ms, static_cast<double>(cold.peak_rss_kib) / 1024.0);
    std::printf("%-28s %6d %12.2f %10.2f %14.1f\n", "  ffmpeg trials, warm cache", warm.runs, warm.median_ms,
                warm.min_ms, static_cast<double>(warm.peak_rss_kib) / 1024.0);
    std::printf("%-28s %6d %12.2f %10.2f %14.1f\n", "lshw -json", peer.runs, peer.median_ms, peer.min_ms,
                static_cast<double>(peer.peak_rss_kib) / 1024.0);
    std::printf("\nautocut profile is %.1fx faster than lshw (median %.2f ms vs %.2f ms); target: <= 3 ms and >= 30x\n",
                peer.median_ms / ours.median_ms, ours.median_ms, peer.median_ms);
    std::printf("memory: %.1f MiB vs %.1f MiB peak RSS (%.1fx less)\n", static_cast<double>(ours.peak_rss_kib) / 1024.0,
                static_cast<double>(peer.peak_rss_kib) / 1024.0,
                static_cast<double>(peer.peak_rss_kib) / static_cast<double>(ours.peak_rss_kib));
  } catch (const std::exception& error) {
    std::fprintf(stderr, "profile_startup_bench: %s (is lshw installed? run scripts/install-deps)\n", error.what());
    return 1;
  }
  return 0;
}
