"""The original Python system's runtime-profile detection, as the peer for bench/python_runtime_bench.py.

A reference re-implementation for the benchmark, not the original's code: it gathers the same fields the same way
the original did (psutil for CPU and memory, nvidia-smi for the GPU, an HTTP GET for Ollama, DaVinci Resolve by its
install folders and ffmpeg by running `ffmpeg -version` — the original's report lists CPU, memory, GPU, AI runtime
and editor detection) so that the benchmark compares like with like. Run it as a script to print the dict as JSON.
"""

import json
import os
import shutil
import subprocess
import urllib.error
import urllib.request

import psutil

OLLAMA_TAGS_URL = "http://127.0.0.1:11434/api/tags"
GIB = 1024**3


def _cpu() -> dict:
    threads = psutil.cpu_count()
    if threads >= 24:
        score = "ultra"
    elif threads >= 12:
        score = "high"
    elif threads >= 6:
        score = "medium"
    else:
        score = "low"
    return {"cores": psutil.cpu_count(logical=False), "threads": threads, "score": score}


def _memory() -> dict:
    memory = psutil.virtual_memory()
    return {"total_gb": round(memory.total / GIB, 1), "available_gb": round(memory.available / GIB, 1)}


def _gpu():
    """The first GPU as nvidia-smi lists it (memory in MiB), or None without one."""
    try:
        output = subprocess.run(
            ["nvidia-smi", "--query-gpu=name,memory.total,memory.free", "--format=csv,noheader,nounits"],
            capture_output=True, text=True, timeout=5, check=True,
        ).stdout
    except (FileNotFoundError, subprocess.CalledProcessError, subprocess.TimeoutExpired):
        return None
    for line in output.splitlines():
        name, total, free = (field.strip() for field in line.split(","))
        return {"name": name, "memory_total_mb": int(total), "memory_free_mb": int(free)}
    return None


def _ollama() -> dict:
    try:
        with urllib.request.urlopen(OLLAMA_TAGS_URL, timeout=2) as response:
            models = [model["name"] for model in json.load(response).get("models", [])]
        return {"installed": True, "running": True, "models": models}
    except (urllib.error.URLError, OSError, ValueError):
        return {"installed": False, "running": False, "models": []}


RESOLVE_FOLDERS = ("/opt/resolve", "C:/Program Files/Blackmagic Design/DaVinci Resolve")


def _editors() -> dict:
    """DaVinci Resolve where it installs, and ffmpeg when `ffmpeg -version` answers (its first line)."""
    resolve = next((folder for folder in RESOLVE_FOLDERS if os.path.isdir(folder)), None)
    ffmpeg = None
    program = shutil.which("ffmpeg")
    if program:
        try:
            version = subprocess.run([program, "-version"], capture_output=True, text=True, timeout=10).stdout
            ffmpeg = {"path": program, "version": version.splitlines()[0] if version else None}
        except (OSError, subprocess.TimeoutExpired):
            ffmpeg = None
    return {"davinci_resolve": resolve, "ffmpeg": ffmpeg}


def _profile_class(gpu) -> str:
    vram_gb = gpu["memory_total_mb"] / 1024 if gpu else 0.0
    if vram_gb >= 15:
        return "LOCAL_GPU_HIGH"
    if vram_gb >= 7.5:
        return "LOCAL_GPU_MID"
    if vram_gb >= 3.5:
        return "LOCAL_GPU_LOW"
    return "LOCAL_CPU_ONLY"


def detect() -> dict:
    gpu = _gpu()
    return {
        "cpu": _cpu(),
        "memory": _memory(),
        "gpu": gpu,
        "ollama": _ollama(),
        "editors": _editors(),
        "profile_class": _profile_class(gpu),
    }


if __name__ == "__main__":
    print(json.dumps(detect(), indent=2))
