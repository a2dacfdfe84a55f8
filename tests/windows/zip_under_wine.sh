#!/usr/bin/env bash
# The zip a Windows user downloads (scripts/windows-zip): the program and its notes, and the program out of it runs.
# Usage: zip_under_wine.sh WINE_RUN WINDOWS_ZIP BUILD_DIR
set -euo pipefail
wine_run=$1 windows_zip=$2 build=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
zip=$("$windows_zip" "$build")
/usr/bin/python3 -m zipfile -e "$zip" "$work"
[[ -f $work/autocut/autocut.exe && -f $work/autocut/README.txt ]] || { echo "FAILED: the zip's contents" >&2; exit 1; }
readme=$work/autocut/README.txt
[[ $(grep -c $'\r$' "$readme") == $(wc -l <"$readme") ]] || { echo "FAILED: README.txt's lines end in CRLF" >&2; exit 1; }
grep -q "autocut capture machine.json" "$readme" || { echo "FAILED: README.txt names the commands" >&2; exit 1; }
cd "$work"
output=$("$wine_run" autocut/autocut.exe profile --no-save --lang zh)
grep -q "系统运行模式" <<<"$output" || { printf '%s\n' "$output" >&2; echo "FAILED: the zipped program runs" >&2; exit 1; }
echo "the zip holds a working autocut.exe and its notes"
