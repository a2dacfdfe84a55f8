#!/usr/bin/env bash
# DXGI under Wine with a display (xvfb-run): Wine's Direct3D offers one adapter, and autocut.exe's GPU probe reads it
# through IDXGIFactory1::EnumAdapters1 and IDXGIAdapter3::QueryVideoMemoryInfo — the vendor named from its PCI vendor
# id, its dedicated memory, the software adapter left out — and classes the machine by it. Without a display the
# same probe says DXGI could not be asked (cli_under_wine.sh). A Wine prefix and server of its own, started inside the
# display: Wine's desktop takes the display it was started with, and the other tests' server has none.
# Usage: dxgi_under_wine.sh WINE_RUN AUTOCUT_EXE
set -euo pipefail
wine_run=$1 autocut=$2
export WINEPREFIX="${AUTOCUT_WINEPREFIX:-$HOME/.wine-autocut}-display"
export wine_run autocut
profile=$(xvfb-run -a bash -c '
  trap "\"$wine_run\" --stop" EXIT
  "$wine_run" --start
  "$wine_run" "$autocut" profile --json --no-save' 2>/dev/null)
python3 - "$profile" <<'PYTHON'
import json, sys
profile = json.loads(sys.argv[1])
def check(ok, what):
    if not ok:
        sys.exit(f"FAILED: {what}\n{json.dumps(profile, indent=2)[:4000]}")
probe = profile["probes"]["gpu-dxgi"]
check(probe["status"] == "ok" and "GPU(s) from DXGI" in probe["detail"], "the DXGI probe answered")
gpus = profile["hardware"]["gpus"] if "hardware" in profile else profile["gpus"]
check(len(gpus) == 1, "one adapter: Wine's, the Basic Render Driver left out")
gpu = gpus[0]
names = {"10de": "nvidia", "1002": "amd", "8086": "intel"}
check(gpu["sources"] == ["dxgi"], "the adapter came from DXGI")
check(gpu["vendor"] == names.get(gpu["vendor_id"], "other"), "the vendor follows the PCI vendor id")
check(gpu["name"] and gpu["memory_total_bytes"] > 0, "its name and dedicated memory")
check(profile["profile_class"] != "LOCAL_CPU_ONLY", "a GPU with memory is not a CPU-only machine")
print("DXGI under Wine with a display: checks passed")
PYTHON
