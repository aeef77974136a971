#!/usr/bin/env bash
# `make run` (after the build): start a JVM that pegs every core, profile it from outside with
# bin/pyrometer-helper, print where the flame graph is, and stop the demo JVM whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
java="${JAVA:-java}"
duration="${PYROMETER_DEMO_DURATION:-10s}"
out="$(mktemp -d "${TMPDIR:-/tmp}/pyrometer-demo.XXXXXX")"
workers=$(( 2 * $(nproc) ))

demo_pid=""
cleanup() {
  if [[ -n "$demo_pid" ]] && kill -0 "$demo_pid" 2>/dev/null; then
    kill "$demo_pid" 2>/dev/null || true
    wait "$demo_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT

echo "demo: starting a JVM with $workers busy worker threads on $(nproc) cores"
"$java" "$root/scripts/demo/PeggedService.java" "$workers" >"$out/demo-jvm.log" 2>&1 &
demo_pid=$!
deadline=$(( SECONDS + 60 ))
until grep -q '^ready$' "$out/demo-jvm.log" 2>/dev/null; do
  kill -0 "$demo_pid" 2>/dev/null || { echo "demo: the demo JVM died: $(cat "$out/demo-jvm.log")" >&2; exit 1; }
  (( SECONDS < deadline )) || { echo "demo: the demo JVM was not ready within 60 s" >&2; exit 1; }
  sleep 0.1
done
sleep 5   # let the JIT settle: the profile should show the pegged steady state, not C2 compiling

echo "demo: profiling JVM $demo_pid for $duration from outside"
if timeout 300 "$root/bin/pyrometer-helper" profile --pid "$demo_pid" --duration "$duration" \
    --title "Pyrometer demo: a JVM pegging $(nproc) cores" \
    -o "$out/flame.html" -o "$out/flame.collapsed" -o "$out/profile.jfr"; then
  graph="$out/flame.html"
else
  echo "demo: the HTML flame graph failed; keeping the raw recording only" >&2
  timeout 300 "$root/bin/pyrometer-helper" profile --pid "$demo_pid" --duration "$duration" -o "$out/profile.jfr"
  graph="$out/profile.jfr"
fi
echo
echo "flame graph: $graph"
echo "(folded stacks and the raw recording are next to it in $out)"
