#!/usr/bin/env bash
# `make run` (after the build): the whole stack on this machine. A controller on the embedded
# defaults, a helper daemon connected to it, a demo JVM pegging every core; one profile triggered
# through the API; then it keeps running for the web UI until Ctrl-C, which stops all of it.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
java="${JAVA:-java}"
port="${PYROMETER_PORT:-8080}"
duration="${PYROMETER_DEMO_DURATION:-10s}"
data="${PYROMETER_DEMO_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/pyrometer-stack.XXXXXX")}"
mkdir -p "$data"
workers=$(( 2 * $(nproc) ))
host="demo-$(hostname -s 2>/dev/null || echo host)"
host="${host//[^A-Za-z0-9._-]/-}"

pids=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'echo; echo "stopping the stack"; exit 0' INT TERM

# waits (with a deadline) until FILE holds a line matching REGEX, or the process PID died
await_line() {
  local file=$1 regex=$2 pid=$3 what=$4 deadline=$(( SECONDS + 90 ))
  until grep -qE "$regex" "$file" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "run: $what died: $(tail -5 "$file")" >&2; exit 1; }
    (( SECONDS < deadline )) || { echo "run: $what not ready within 90 s; see $file" >&2; exit 1; }
    sleep 0.2
  done
}

api() { curl -sS --max-time 30 -H "Authorization: Bearer $PYROMETER_TOKEN" "$@"; }

# A token for this run only, printed once: paste it in the web UI. Passed by environment, never argv.
PYROMETER_TOKEN="$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')"
export PYROMETER_TOKEN

"$root/bin/pyrometer-controller" serve --port "$port" --data "$data/controller" >"$data/controller.log" 2>&1 &
pids+=($!)
await_line "$data/controller.log" 'listening on' "${pids[-1]}" "the controller"
base="http://127.0.0.1:$port"

PYROMETER_HOME="$data/helper" PYROMETER_HELPER_JAVA_OPTS="${PYROMETER_HELPER_JAVA_OPTS:--Xmx48m}" \
  "$root/bin/pyrometer-helper" serve --controller "$base" --host "$host" >"$data/helper.log" 2>&1 &
pids+=($!)
await_line "$data/helper.log" 'connected to' "${pids[-1]}" "the helper daemon"

"$java" "$root/scripts/demo/PeggedService.java" "$workers" >"$data/demo-jvm.log" 2>&1 &
pids+=($!)
demo_pid=${pids[-1]}
await_line "$data/demo-jvm.log" '^ready$' "$demo_pid" "the demo JVM"
deadline=$(( SECONDS + 60 ))
# Listed is not enough: a JVM seen while still starting is reported not attachable (its SIGQUIT
# handler is not installed yet) until the helper's next look, a few seconds later.
until api "$base/api/v1/jvms?host=$host" | grep -qE "\"pid\":$demo_pid,[^}]*\"attachable\":true"; do
  (( SECONDS < deadline )) || { echo "run: the helper did not report JVM $demo_pid as attachable within 60 s; see $data/helper.log" >&2; exit 1; }
  sleep 1
done

echo "run: profiling the demo JVM (pid $demo_pid, $workers busy threads on $(nproc) cores) for $duration through the API"
created="$(api -d "{\"host\":\"$host\",\"pid\":$demo_pid,\"duration\":\"$duration\"}" "$base/api/v1/profiles")"
id="$(sed -n 's/.*"id":"\([^"]*\)".*/\1/p' <<<"$created")"
[[ -n "$id" ]] || { echo "run: the controller refused the profile: $created" >&2; exit 1; }
deadline=$(( SECONDS + 180 ))
state=""
until [[ "$state" == done || "$state" == failed ]]; do
  (( SECONDS < deadline )) || { echo "run: profile $id not done within 180 s (state $state)" >&2; exit 1; }
  sleep 1
  state="$(api "$base/api/v1/profiles/$id" | sed -n 's/^{[^}]*"state":"\([a-z]*\)".*/\1/p')"
done
[[ "$state" == done ]] || { echo "run: profile $id failed: $(api "$base/api/v1/profiles/$id")" >&2; exit 1; }

cat <<MSG

web UI:      $base/   (sign in with the token below)
token:       $PYROMETER_TOKEN
flame graph: $base/api/v1/profiles/$id/flamegraph.html   (needs the token as a Bearer header;
             or open the web UI and click the profile)
logs, data:  $data
Ctrl-C stops the controller, the helper and the demo JVM.
MSG
wait "${pids[0]}"
