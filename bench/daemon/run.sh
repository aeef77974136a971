#!/usr/bin/env bash
# Helper daemon bench (part of `make bench`): API call → first sample through a warm helper daemon on
# never-attached and already-attached pegged JVMs (THREADS busy threads each), then the daemon's idle
# RSS and CPU. Raw figures in bench/out/daemon/results.json. Env: TARGETS (5), THREADS (8),
# HELPER_JAVA_OPTS (what deploy/ uses).
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$(pwd)"
out="$root/bench/out/daemon"
rm -rf "$out" && mkdir -p "$out"
[[ -f helper/target/helper.jar && -d helper/target/test-classes && -f controller/target/controller.jar ]] \
  || { echo "bench/daemon: run 'make build' first" >&2; exit 70; }
targets="${TARGETS:-5}"
threads="${THREADS:-8}"
opts="${HELPER_JAVA_OPTS:--Xms8m -Xmx48m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:ReservedCodeCacheSize=16m -XX:MaxMetaspaceSize=48m -Xss512k}"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
timeout 900 "${JAVA:-java}" -cp "helper/target/helper.jar:helper/target/lib/*" bench/daemon/DaemonBench.java \
  "$root" "$out" "$targets" "$threads" "$opts" | tee "$out/run.log"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB;" \
  "$("${JAVA:-java}" -version 2>&1 | head -1); load average before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg)" \
  | tee -a "$out/run.log"
