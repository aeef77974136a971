#!/usr/bin/env bash
# `make bench` (after `make build`): how fast bin/pyrometer-helper gets a first sample out of a pegged,
# never-attached JVM, against the JDK Attach API doing the same from a fresh JVM; and what profiling
# at the default 10 ms interval costs a CPU-bound workload. Raw results under bench/out/attach/.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$(pwd)"
out="$root/bench/out/attach"
runs="${ATTACH_BENCH_RUNS:-5}"
pairs="${OVERHEAD_BENCH_PAIRS:-7}"
threads=8
java="${JAVA:-java}"
helper="$root/bin/pyrometer-helper"
rm -rf "$out" && mkdir -p "$out/classes"

[[ -f "$root/helper/target/helper.jar" ]] || { echo "attach bench: run 'make build' first" >&2; exit 1; }
javac -d "$out/classes" -cp "$root/helper/target/lib/*" "$root"/bench/attach/src/*.java
(cd "$out" && jar xf "$root"/helper/target/lib/async-profiler-*.jar linux-x64/libasyncProfiler.so)
lib="$out/linux-x64/libasyncProfiler.so"
export PYROMETER_HOME="$out/helper-home"

now_ms() { date +%s%3N; }
target_pid=""
stop_target() { [[ -n "$target_pid" ]] && kill -9 "$target_pid" 2>/dev/null; wait "$target_pid" 2>/dev/null || true; target_pid=""; }
trap stop_target EXIT

# Starts `java <class> <args>` from the bench classes; waits (30 s deadline) for its first line.
start_target() {
  local log="$1"; shift
  "$java" -cp "$out/classes" "$@" >"$log" 2>&1 &
  target_pid=$!
  local deadline=$(( $(now_ms) + 30000 ))
  until [[ -s "$log" ]]; do
    (( $(now_ms) < deadline )) || { echo "attach bench: target $* not ready in 30 s" >&2; exit 1; }
    kill -0 "$target_pid" 2>/dev/null || { echo "attach bench: target $* died: $(cat "$log")" >&2; exit 1; }
    sleep 0.05
  done
}

first_sample_ms() { "$java" -cp "$out/classes:$root/helper/target/lib/*" FirstSample "$1" | cut -d' ' -f1; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), kernel $(uname -r), $("$java" -version 2>&1 | head -1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (the machine may be shared)"

# (1) Time to first sample, alternating helper and peer, each on its own fresh target.
echo "time from invocation to first sample: never-attached JVM, $threads busy threads, $runs fresh targets each"
: >"$out/helper.ms"; : >"$out/jdk.ms"
for i in $(seq 1 "$runs"); do
  start_target "$out/target-h$i.log" Burner "$threads"; sleep 1
  t0=$(now_ms)
  timeout 60 "$helper" profile --pid "$target_pid" --duration 2s -o "$out/helper-$i.jfr" >"$out/helper-$i.log" 2>&1 \
    || { echo "attach bench: helper run $i failed: $(tail -3 "$out/helper-$i.log")" >&2; exit 1; }
  echo $(( $(first_sample_ms "$out/helper-$i.jfr") - t0 )) >>"$out/helper.ms"
  stop_target

  start_target "$out/target-j$i.log" Burner "$threads"; sleep 1
  t0=$(now_ms)
  timeout 60 "$java" -cp "$out/classes" AttachPeer "$target_pid" "$lib" \
    "start,event=cpu,interval=10ms,timeout=10,jfr,file=$out/jdk-$i.jfr" >"$out/jdk-$i.log" 2>&1 \
    || { echo "attach bench: JDK Attach API run $i failed: $(tail -3 "$out/jdk-$i.log")" >&2; exit 1; }
  sleep 2
  # The agent's own timeout ends the recording anyway; stop only makes it end sooner.
  timeout 60 "$java" -cp "$out/classes" AttachPeer "$target_pid" "$lib" "stop,log=$out/jdk-$i.stop.log" \
    >>"$out/jdk-$i.log" 2>&1 || echo "  (JDK run $i: stop answered: $(cat "$out/jdk-$i.stop.log" 2>/dev/null))"
  echo $(( $(first_sample_ms "$out/jdk-$i.jfr") - t0 )) >>"$out/jdk.ms"
  stop_target
  echo "  run $i: helper $(tail -1 "$out/helper.ms") ms, JDK Attach API $(tail -1 "$out/jdk.ms") ms"
done
h=$(median <"$out/helper.ms"); j=$(median <"$out/jdk.ms")
echo "  pyrometer-helper: median $h ms  (runs: $(paste -sd' ' "$out/helper.ms"))"
echo "  JDK Attach API:   median $j ms  (runs: $(paste -sd' ' "$out/jdk.ms"))"
echo "  ratio helper/JDK: $(awk -v h="$h" -v j="$j" 'BEGIN {printf "%.2f", h/j}') (goal <= 0.40; peers.md: JDK 1.7-3.0 s, asprof 0.75-2.0 s)"

# (2) Overhead: one CPU-bound workload, alternating unprofiled and profiled windows of equal length.
echo "overhead at the default 10 ms interval: $pairs pairs of 6 s windows on a workload with $(nproc) threads"
start_target "$out/workload.log" Workload "$(nproc)"
sleep 5
: >"$out/marks"
for p in $(seq 1 "$pairs"); do
  s=$(now_ms); sleep 6; e=$(now_ms)
  echo "$p idle $s $e" >>"$out/marks"
  ps=""; pe=""
  while IFS= read -r line; do
    echo "$line" >>"$out/overhead-$p.log"
    case "$line" in
      profiling:*) ps=$(now_ms) ;;
      rendering:*) pe=$(now_ms) ;;
    esac
  done < <(timeout 60 "$helper" profile --pid "$target_pid" --duration 7s -o "$out/overhead-$p.jfr" 2>&1)
  [[ -n "$ps" && -n "$pe" ]] || { echo "attach bench: profiled window $p failed: $(tail -3 "$out/overhead-$p.log")" >&2; exit 1; }
  # Leave out the edges: the agent starting and stopping are not the steady state being measured.
  echo "$p profiled $(( ps + 500 )) $(( pe - 500 ))" >>"$out/marks"
done
stop_target
"$java" -cp "$out/classes" Overhead "$out/workload.log" "$out/marks" | sed 's/^/  /'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
