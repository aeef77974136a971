#!/usr/bin/env bash
# Controller bench: HELPERS simulated helpers (default 10000), each its own WebSocket with a
# heartbeat every 5 s, against one controller run with -Xmx512m; then PINGS commands to random
# helpers (round trip p50/p99) and the controller's heap after a full GC. Bounded: the load
# generator gives up after BENCH_SECONDS (default 300) and everything it started is stopped.
set -euo pipefail
cd "$(dirname "$0")/../.."
HELPERS=${HELPERS:-10000}
PINGS=${PINGS:-2000}
SOURCES=${SOURCES:-4}
BENCH_SECONDS=${BENCH_SECONDS:-300}
out=bench/out/controller
mkdir -p "$out"
[[ -f controller/target/controller.jar ]] || mvn -B -q -pl controller -am package -DskipTests

# one socket per helper on each side; both processes inherit this limit
hard=$(ulimit -Hn)
[[ "$hard" == unlimited ]] && hard=65536
ulimit -n "$hard"
if (( $(ulimit -n) < HELPERS + 1000 )); then
  echo "bench/controller: open-file limit $(ulimit -n) is too low for $HELPERS helpers" >&2
  exit 1
fi

export PYROMETER_TOKEN="bench-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
data=$(mktemp -d)
cp="controller/target/controller.jar:controller/target/lib/*"
java -Xmx512m -XX:+UseG1GC -Xlog:gc:file="$out/gc.log" ${CONTROLLER_JAVA_OPTS:-} -cp "$cp" dev.pyrometer.controller.ControllerMain serve --port 0 --data "$data" \
  >"$out/controller.log" 2>&1 &
controller=$!
cleanup() { kill "$controller" 2>/dev/null || true; wait "$controller" 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT

port=""
for _ in $(seq 1 300); do   # up to 30 s for the controller to listen
  port=$(sed -n 's|.*listening on http://[^:]*:\([0-9]*\)/.*|\1|p' "$out/controller.log" | head -1)
  [[ -n "$port" ]] && break
  kill -0 "$controller" 2>/dev/null || { cat "$out/controller.log" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$port" ]] || { echo "bench/controller: controller did not start" >&2; exit 1; }

echo "controller pid $controller on port $port; $HELPERS helpers over $SOURCES source addresses"
timeout $((BENCH_SECONDS + 60)) java -Xmx1g -cp "$cp" \
  bench/controller/LoadGen.java "$port" "$controller" "$HELPERS" "$PINGS" "$SOURCES" "$out/results.json" "$BENCH_SECONDS"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r); $(java -version 2>&1 | head -1)"
echo "raw results: $out/results.json"
