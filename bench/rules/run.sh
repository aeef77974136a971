#!/usr/bin/env bash
# Rules bench (part of `make bench`): (1) detection latency, a target that idles then burns 4 threads at
# an instant it prints → rule (50 % for 2 s) fired → profile sampling, median of RUNS (5); (2) overhead of the look-back
# ring (JFR execution samples every 100 ms) on a CPU-bound workload, PAIRS (5) alternating windows.
# Raw figures in bench/out/rules/.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$(pwd)"
out="$root/bench/out/rules"
rm -rf "$out" && mkdir -p "$out"
[[ -f helper/target/helper.jar ]] || { echo "bench/rules: run 'make build' first" >&2; exit 70; }
"${JAVAC:-javac}" -d "$out/classes" bench/rules/Spiker.java
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
timeout 900 "${JAVA:-java}" -cp "helper/target/helper.jar:helper/target/lib/*" bench/rules/RulesBench.java \
  "$root" "$out" "${RUNS:-5}" "${PAIRS:-5}" | tee "$out/run.log"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB;" \
  "$("${JAVA:-java}" -version 2>&1 | head -1); load average before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ)" \
  | tee -a "$out/run.log"
