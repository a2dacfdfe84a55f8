#!/usr/bin/env bash
# autocut.exe asking the programs beside it under Wine: a recorded Ollama answering on a Linux loopback port is found
# with its models; with nothing listening, an ollama.exe along PATH makes it "installed but not running"; and an
# ffmpeg.exe along PATH (a fake answering as a Windows build does) is run, listed and its encoders tried.
# Usage: local_programs_under_wine.sh WINE_RUN AUTOCUT_EXE RECORDED_DIR FAKE_FFMPEG_EXE
set -euo pipefail
wine_run=$1 autocut=$2 recorded=$3 fake_ffmpeg=$4
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
server=
cleanup() { [[ -n $server ]] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
cd "$work"
fail() { echo "FAILED: $*" >&2; exit 1; }
expect() {  # TEXT PATTERN WHAT
  grep -q -- "$2" <<<"$1" || { printf '%s\n' "$1" >&2; fail "$3"; }
}

coproc OLLAMA { exec python3 "$here/recorded_ollama.py" "$recorded"; }
server=$OLLAMA_PID
read -r port <&"${OLLAMA[0]}"
found=$(OLLAMA_HOST="http://127.0.0.1:$port" "$wine_run" "$autocut" profile --json --no-save)
expect "$found" '"running": true' "the recorded Ollama answers"
expect "$found" '"name": "moondream:latest"' "its models are listed"
expect "$found" '"version": "0.5.7"' "its version is read"
kill "$server"
server=

closed=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir tools
cp "$autocut" tools/ollama.exe  # any program file: only its presence along PATH is looked at
installed=$(WINEPATH="$(winepath -w "$work/tools" 2>/dev/null)" OLLAMA_HOST="http://127.0.0.1:$closed" \
  "$wine_run" "$autocut" profile --no-save)
expect "$installed" "Ollama is installed but not running" "ollama.exe along PATH, not answering"
expect "$installed" "ollama serve" "the suggestion to start it"
mkdir encoder
cp "$fake_ffmpeg" encoder/ffmpeg.exe
encoder_path=$(winepath -w "$work/encoder" 2>/dev/null)
edited=$(WINEPATH="$encoder_path" OPENAI_API_KEY=sk-never-passed-on "$wine_run" "$autocut" profile --json --no-save)
expect "$edited" "working encoders: libx264" "ffmpeg.exe's trials: libx264 works"
expect "$edited" '"version": "7.1-full_build-www.gyan.dev"' "ffmpeg.exe's version"
expect "$edited" "Cannot load nvEncodeAPI64.dll" "why NVENC did not pass"
again=$(WINEPATH="$encoder_path" "$wine_run" "$autocut" profile --json --no-save)
expect "$again" "(trials cached)" "the trials kept under %LOCALAPPDATA%\\autocut\\cache for the next run"
policy=$(WINEPATH="$encoder_path" "$wine_run" "$autocut" policy)
expect "$policy" "Editing: ffmpeg" "editing with ffmpeg"
echo "local AI servers and ffmpeg from autocut.exe under Wine: checks passed"
