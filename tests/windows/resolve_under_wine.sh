#!/usr/bin/env bash
# The Resolve probe under Wine, against the real calls: the install folder from a registry key this test writes to
# Wine's registry, Resolve Studio's edition and version from the version resource of a Resolve.exe built with one,
# the scripting module and fusionscript.dll as files, and Resolve.exe running seen in the process snapshot. Runs
# alone (RUN_SERIAL): the key it writes is the Wine machine's, which the other tests detect too.
# Usage: resolve_under_wine.sh WINE_RUN AUTOCUT_EXE FAKE_RESOLVE_EXE
set -euo pipefail
wine_run=$1 autocut=$2 fake_resolve=$3
key='HKLM\SOFTWARE\Blackmagic Design\DaVinci Resolve'
work=$(mktemp -d)
resolve=
cleanup() {
  [[ -n $resolve ]] && kill "$resolve" 2>/dev/null
  "$wine_run" reg delete "$key" /f >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
fail() { echo "FAILED: $*" >&2; exit 1; }
expect() {  # TEXT PATTERN WHAT
  grep -q -- "$2" <<<"$1" || { printf '%s\n' "$1" >&2; fail "$3"; }
}

mkdir -p "Blackmagic Design/DaVinci Resolve" Scripting/Modules
cp "$fake_resolve" "Blackmagic Design/DaVinci Resolve/Resolve.exe"
: >"Blackmagic Design/DaVinci Resolve/fusionscript.dll"
: >Scripting/Modules/DaVinciResolveScript.py
folder=$(winepath -w "$work/Blackmagic Design/DaVinci Resolve" 2>/dev/null)
scripting=$(winepath -w "$work/Scripting" 2>/dev/null)

absent=$("$wine_run" "$autocut" profile --json --no-save)
expect "$absent" "DaVinci Resolve is not installed" "no Resolve before its key is written"

"$wine_run" reg add "$key" /v InstallDir /d "$folder" /f >/dev/null 2>&1
installed=$(RESOLVE_SCRIPT_API="$scripting" "$wine_run" "$autocut" profile --json --no-save)
expect "$installed" '"studio": true' "Studio, from the version resource"
expect "$installed" '"version": "19.0.3"' "the version, from the version resource"
expect "$installed" '"running": false' "not running yet"

"$wine_run" "$folder\\Resolve.exe" &
resolve=$!
for _ in $(seq 1 100); do
  running=$(RESOLVE_SCRIPT_API="$scripting" "$wine_run" "$autocut" policy)
  grep -q "DaVinci Resolve Studio is running and scriptable" <<<"$running" && break
  sleep 0.2
done
expect "$running" "DaVinci Resolve Studio is running and scriptable" "Resolve.exe seen running, editing with it"
echo "DaVinci Resolve under Wine: checks passed"
