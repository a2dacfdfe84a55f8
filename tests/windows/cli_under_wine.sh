#!/usr/bin/env bash
# autocut.exe under Wine, as a person at a Windows console would run it: the explanation in English and Chinese,
# a capture of this (Wine) machine replayed, the original's recorded workstation resolved, and the fake NVML as the
# driver's nvml.dll. Usage: cli_under_wine.sh WINE_RUN AUTOCUT_EXE RECORDINGS_DIR FAKE_NVML_DLL
set -euo pipefail
wine_run=$1 autocut=$2 recordings=$3 nvml=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAILED: $*" >&2; exit 1; }
expect() {  # TEXT PATTERN WHAT
  grep -q -- "$2" <<<"$1" || { printf '%s\n' "$1" >&2; fail "$3"; }
}

english=$("$wine_run" "$autocut" profile --no-save)
expect "$english" "Runtime mode" "the explanation in English"
expect "$english" "$(nproc) threads" "the threads Wine reports"

chinese=$(LANG=zh_CN.UTF-8 "$wine_run" "$autocut" profile --no-save --lang zh)
expect "$chinese" "系统运行模式" "the explanation in Chinese, in UTF-8"

"$wine_run" "$autocut" capture capture.json >/dev/null
grep -q '"format": "autocut-windows-capture"' capture.json || fail "capture wrote a recording"
replayed=$("$wine_run" "$autocut" profile --json --root capture.json)
expect "$replayed" "\"threads\": $(nproc)" "the capture replays to this machine's threads"
expect "$replayed" '"captured": true' "a replay says it is one"

policy=$("$wine_run" "$autocut" policy --root "$(winepath -w "$recordings/original-workstation-rtx4090.json" 2>/dev/null)")
expect "$policy" "DaVinci Resolve Studio is running and scriptable" "the recorded workstation's editing"
expect "$policy" "LOCAL_GPU_HIGH" "the recorded workstation's level"

cards=$(AUTOCUT_FAKE_NVML_SCENARIO=two-cards AUTOCUT_NVML_LIBRARY="$(winepath -w "$nvml" 2>/dev/null)" \
  "$wine_run" "$autocut" profile --json --no-save)
expect "$cards" '"name": "NVIDIA GeForce RTX 4090"' "the fake NVML's first card"
expect "$cards" '"profile_class": "LOCAL_GPU_HIGH"' "the class from the fake NVML's cards"

if "$wine_run" "$autocut" profile --bogus >/dev/null 2>"$work/err"; then fail "a bad flag is refused"; fi
expect "$(cat "$work/err")" "autocut: " "a bad flag's one-line error"
echo "autocut.exe under Wine: 11 checks passed"
