"""What autocut_runtime costs a Python application, next to the original Python system, from one run.

Measures (each line: our figure, the peer's, the ratio):
  1. RuntimeProfile.detect() vs original_profile_reference.detect() (psutil, nvidia-smi, Ollama over HTTP, the
     editors: Resolve's folders and `ffmpeg -version`),
     median wall time over N calls each in this process, first call excluded; goal >= 20x faster.
  2. RuntimeMonitor.get_status() on a started monitor, median and p99 over 10,000 calls; goal <= 20 us.
     Peer: psutil.virtual_memory() + psutil.cpu_percent(interval=None), what the original's status did per call.
  3. RSS growth over --cycles RuntimeProfile.detect(slow_probes=False) + ExecutionPolicyResolver(profile).resolve()
     cycles, after 200 warm-up cycles (VmRSS from /proc/self/status); goal < 5 MiB.

Run (after the build, which puts the extension under build/release/python):
  PYTHONPATH=build/release/python /usr/bin/python3 bench/python_runtime_bench.py [N, default 50] [--cycles 10000]
"""

import argparse
import os
import shutil
import statistics
import sys
import time

import psutil

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import original_profile_reference  # noqa: E402

from autocut_runtime import ExecutionPolicyResolver, RuntimeMonitor, RuntimeProfile  # noqa: E402


def timings(call, count):
    """Wall time in seconds of each of `count` calls, after one warm-up call."""
    call()
    samples = []
    for _ in range(count):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return samples


def p99(samples):
    return sorted(samples)[int(len(samples) * 0.99)]


def vm_rss_mib():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="?", type=int, default=50, help="detect() calls per side (default 50)")
    parser.add_argument("--cycles", type=int, default=10_000, help="detect+resolve cycles for RSS (default 10000)")
    args = parser.parse_args()

    # 1. Detection. Both sides use slow probes, so each asks Ollama over HTTP once per call; the core's ffmpeg
    # trial result is cached by the core, so only the warm-up call pays for spawning ffmpeg.
    ours = statistics.median(timings(RuntimeProfile.detect, args.runs))
    peer = statistics.median(timings(original_profile_reference.detect, args.runs))
    ratio = peer / ours
    gpu_note = "" if shutil.which("nvidia-smi") else ", nvidia-smi absent"
    print(
        f"RuntimeProfile.detect(): median {ours * 1e3:.3f} ms vs original (psutil, nvidia-smi, HTTP, ffmpeg -version{gpu_note}) "
        f"{peer * 1e3:.3f} ms over {args.runs} runs: ratio original/ours {ratio:.2f}\u00d7; "
        f"goal \u2265 20\u00d7: {'met' if ratio >= 20 else 'not met'}"
    )

    # 2. Monitor status.
    profile = RuntimeProfile.detect()
    with RuntimeMonitor(profile, interval_s=5) as monitor:
        ours = timings(monitor.get_status, 10_000)
    psutil.cpu_percent(interval=None)  # primes psutil's CPU delta, as the original's first sample did
    peer = timings(lambda: (psutil.virtual_memory(), psutil.cpu_percent(interval=None)), 10_000)
    ours_median, peer_median = statistics.median(ours), statistics.median(peer)
    print(
        f"RuntimeMonitor.get_status(): median {ours_median * 1e6:.1f} \u00b5s, p99 {p99(ours) * 1e6:.1f} \u00b5s vs "
        f"psutil.virtual_memory()+cpu_percent() median {peer_median * 1e6:.1f} \u00b5s, "
        f"p99 {p99(peer) * 1e6:.1f} \u00b5s over 10000 calls: "
        f"ratio psutil/ours (medians) {peer_median / ours_median:.2f}\u00d7; "
        f"goal \u2264 20 \u00b5s (median): {'met' if ours_median <= 20e-6 else 'not met'}"
    )

    # 3. Memory over many detections and resolutions.
    def cycle():
        ExecutionPolicyResolver(RuntimeProfile.detect(slow_probes=False)).resolve()

    for _ in range(200):
        cycle()
    before = vm_rss_mib()
    start = time.perf_counter()
    for _ in range(args.cycles):
        cycle()
    elapsed = time.perf_counter() - start
    growth = vm_rss_mib() - before
    print(
        f"RSS over {args.cycles} detect(slow_probes=False)+resolve() cycles: {before:.1f} -> {before + growth:.1f} "
        f"MiB, growth {growth:+.2f} MiB ({elapsed / args.cycles * 1e3:.3f} ms per cycle); "
        f"goal < 5 MiB: {'met' if growth < 5 else 'not met'}"
    )


if __name__ == "__main__":
    main()
