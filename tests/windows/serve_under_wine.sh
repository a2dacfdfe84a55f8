#!/usr/bin/env bash
# autocut.exe serve under Wine, asked by curl from Linux over loopback as the original's FastAPI app or a browser
# would: the API, the dashboard and /docs, the metrics, a POST that changes the level, a GET refused where a POST is
# due. Then Ctrl-C — SIGINT to the Wine process, which Wine hands to the program as a console CTRL_C_EVENT — stops it
# cleanly with the profile saved. And `monitor` samples this (Wine) machine.
# Usage: serve_under_wine.sh WINE_RUN AUTOCUT_EXE
set -euo pipefail
wine_run=$1 autocut=$2
work=$(mktemp -d)
server=
cleanup() { [[ -n $server ]] && kill -9 "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
cd "$work"
fail() { echo "FAILED: $*" >&2; [[ -f serve.out ]] && cat serve.out serve.err >&2; exit 1; }
expect() {  # TEXT PATTERN WHAT
  grep -q -- "$2" <<<"$1" || { printf '%s\n' "$1" >&2; fail "$3"; }
}

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir state
state=$(winepath -w "$work/state" 2>/dev/null)
"$wine_run" "$autocut" serve --listen "127.0.0.1:$port" --state-dir "$state" >serve.out 2>serve.err &
server=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 600); do
  curl -fsS "$base/healthz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || fail "serve exited before it answered"
  sleep 0.1
done
curl -fsS "$base/healthz" >/dev/null || fail "serve answers /healthz"
expect "$(cat serve.out)" "serving on http://127.0.0.1:$port" "serve says where it listens"

status=$(curl -fsS "$base/api/runtime/status")
expect "$status" '"profile_class"' "/api/runtime/status holds the class"
expect "$(curl -fsS "$base/api/runtime/profile")" "\"threads\": *$(nproc)" "the profile has the threads Wine reports"
expect "$(curl -fsS "$base/api/runtime/policy")" '"vision"' "/api/runtime/policy decides vision"
expect "$(curl -fsS "$base/api/runtime/explanation?lang=zh")" "系统运行模式" "the explanation in Chinese"
expect "$(curl -fsS "$base/")" "<html" "the dashboard's page"
expect "$(curl -fsS -o /dev/null -w '%{http_code} %{content_type}' "$base/app.js")" "200 text/javascript" \
  "the dashboard's script"
expect "$(curl -fsS "$base/docs")" "swagger" "the API docs page"
expect "$(curl -fsS "$base/metrics")" "autocut_monitor_memory_available_bytes [1-9]" "the Prometheus metrics"
expect "$(curl -sS -o /dev/null -w '%{http_code}' "$base/api/runtime/policy/degrade")" "405" \
  "a state change refused over GET"
degraded=$(curl -fsS -X POST "$base/api/runtime/policy/degrade?reason=test")
expect "$degraded" '"level"' "a POST degrades the level"
expect "$(curl -fsS "$base/api/runtime/monitor")" '"running": *true' "the monitor runs"
analyze=$(curl -sS -X POST -H 'Content-Type: application/json' -d '{"video":"C:\\a.mp4","scenes":[[0,1]]}' \
  "$base/api/analyze" -w ' %{http_code}')
expect "$analyze" "analysis worker" "analysis says why it cannot run"

# Ctrl-C: the requests finish, the service stops, the profile is saved.
rm -f state/runtime_profile.json
kill -INT "$server"
for _ in $(seq 1 300); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
kill -0 "$server" 2>/dev/null && fail "Ctrl-C stops serve"
wait "$server" || fail "serve ends with status 0 after Ctrl-C (it was $?)"
server=
expect "$(cat serve.out)" "autocut: stopping" "serve says it stops"
[[ -s state/runtime_profile.json ]] || fail "the profile is saved in the state folder"
grep -q '"profile_class"' state/runtime_profile.json || fail "the saved profile is one"

samples=$("$wine_run" "$autocut" monitor --count 2 --interval 0.2 --json)
[[ $(grep -c '"cpu_percent"' <<<"$samples") == 2 ]] || fail "monitor prints two samples: $samples"
expect "$samples" '"memory_available_bytes": *[1-9]' "the monitor reads available memory"
expect "$samples" '"cpu_percent": *[0-9]' "the monitor reads the CPU's use"
cat serve.out; echo "autocut.exe serve and monitor under Wine: checks passed"
