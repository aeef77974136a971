#!/usr/bin/env bash
# Renderer benchmark: collapsed stacks -> SVG / HTML and differential graphs, timed as whole
# commands (JVM start included) against the peers in the same run. Called by `make bench` after
# `make build`. Writes raw figures under bench/out/render/ and the "## Renderer" section of
# docs/benchmarks.md. REPS (default 3) runs per measurement for inputs under 100 MB, 1 above;
# the median wall time is reported.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
out=$root/bench/out/render
mkdir -p "$out"
reps=${REPS:-3}
export PYROMETER_HELPER_JAVA_OPTS="-Xmx512m"
helper=$root/bin/pyrometer-helper
[[ -f $root/helper/target/helper.jar ]] || { echo "render bench: run 'make build' first" >&2; exit 1; }

# Peers: async-profiler's converter from the local Maven repository, npm stackvis into bench/out.
jfrconv=$HOME/.m2/repository/tools/profiler/jfr-converter/4.5/jfr-converter-4.5.jar
if [[ ! -f $jfrconv ]]; then
  mvn -B -q dependency:copy -Dartifact=tools.profiler:jfr-converter:4.5 -DoutputDirectory="$out/lib"
  jfrconv=$out/lib/jfr-converter-4.5.jar
fi
stackvis=$out/npm/node_modules/.bin/flamegraph
if [[ ! -x $stackvis ]]; then
  mkdir -p "$out/npm"
  (cd "$out/npm" && timeout 600 npm install --silent --no-audit --no-fund stackvis@0.5.0 >/dev/null)
fi

# Corpus: generated with fixed seeds (see GenStacks.java), regenerated when the generator changes.
stamp=$(sha256sum bench/render/GenStacks.java | cut -c1-16)
if [[ ! -f $out/corpus.$stamp ]]; then
  echo "render bench: generating the corpus (seeds 1-5)" >&2
  rm -f "$out"/corpus.* "$out"/*.collapsed "$out"/*.commas
  java bench/render/GenStacks.java javac "$out/javac-like.collapsed"
  java bench/render/GenStacks.java wide "$out/wide-200k.collapsed"
  java bench/render/GenStacks.java pair "$out/java-100k-base.collapsed" "$out/java-100k-new.collapsed"
  touch "$out/corpus.$stamp"
fi
if [[ ! -f $out/javac-real.collapsed ]]; then
  xz -dc ../shared/corpus/javac-cpu.collapsed.xz > "$out/javac-real.collapsed" 2>/dev/null \
    || xz -dc /work/shared/corpus/javac-cpu.collapsed.xz > "$out/javac-real.collapsed"
fi
for f in javac-real javac-like wide-200k java-100k-base; do
  [[ -f $out/$f.commas ]] || tr ';' ',' < "$out/$f.collapsed" > "$out/$f.commas"
done

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
results=$out/results.tsv
: > "$results"
# The 1-minute load average after each measurement: the machine is shared, say how busy it was.
loads=$out/loads.txt
: > "$loads"

# measure NAME INPUT TOOL OUTFILE REPS -- command...: median wall, CPU and peak RSS of the runs.
measure() {
  local name=$1 input=$2 tool=$3 outfile=$4 n=$5
  shift 6
  local walls=() cpus=() rss=0
  for ((r = 0; r < n; r++)); do
    rm -f "$outfile"
    /usr/bin/time -f "%e %U %S %M" -o "$out/time.txt" "$@" > "$out/last.log" 2>&1 \
      || { echo "render bench: $tool on $input failed:" >&2; cat "$out/last.log" >&2; return 1; }
    read -r wall user sys kb < "$out/time.txt"
    walls+=("$wall")
    cpus+=("$(echo "$user + $sys" | bc)")
    (( kb > rss )) && rss=$kb
  done
  local median cpu
  median=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  local size
  size=$(stat -c %s "$outfile")
  cut -d' ' -f1 /proc/loadavg >> "$loads"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$input" "$tool" "$median" "$cpu" "$((rss / 1024))" "$size" >> "$results"
  printf '  %-34s %-28s %8.2f s  cpu %6.2f s  rss %5d MB  %11d bytes\n' "$name" "$tool" "$median" "$cpu" "$((rss / 1024))" "$size"
}

reps_for() { local mb=$(( $(stat -L -c %s "$1") / 1048576 )); (( mb < 100 )) && echo "$reps" || echo 1; }

for input in javac-real javac-like wide-200k java-100k-base; do
  in=$out/$input.collapsed
  n=$(reps_for "$in")
  echo "== $input ($(wc -l < "$in") stacks, $(( $(stat -L -c %s "$in") / 1048576 )) MB)"
  measure "svg:$input" "$input" "pyrometer" "$out/$input.svg" "$n" -- "$helper" render "$in" -o "$out/$input.svg"
  measure "svg:$input" "$input" "stackvis" "$out/$input.stackvis.svg" 1 -- \
    sh -c "'$stackvis' < '$out/$input.commas' > '$out/$input.stackvis.svg'"
  measure "html:$input" "$input" "pyrometer" "$out/$input.html" "$n" -- "$helper" render "$in" -o "$out/$input.html"
  measure "html:$input" "$input" "jfr-converter" "$out/$input.jfrconv.html" "$n" -- \
    java -jar "$jfrconv" "$in" "$out/$input.jfrconv.html"
done

# Reversed stacks: the 200k-stack profile turns into ~7.8M nodes leaf first, which must still fit
# -Xmx512m. jfr-converter's --reverse is the peer (one run: it takes tens of seconds).
echo "== wide-200k reversed"
n=$(reps_for "$out/wide-200k.collapsed")
measure "html:wide-200k-reverse" "wide-200k" "pyrometer" "$out/wide-200k.reverse.html" "$n" -- \
  "$helper" render "$out/wide-200k.collapsed" --reverse -o "$out/wide-200k.reverse.html"
measure "html:wide-200k-reverse" "wide-200k" "jfr-converter" "$out/wide-200k.reverse.jfrconv.html" 1 -- \
  java -jar "$jfrconv" --reverse "$out/wide-200k.collapsed" "$out/wide-200k.reverse.jfrconv.html"

echo "== diff java-100k-base vs java-100k-new"
measure "diff:java-100k" "java-100k" "pyrometer" "$out/diff.html" 1 -- \
  "$helper" diff "$out/java-100k-base.collapsed" "$out/java-100k-new.collapsed" -o "$out/diff.html" --report "$out/diff.json"
measure "diff:java-100k" "java-100k" "jfr-converter" "$out/diff.jfrconv.html" 1 -- \
  java -jar "$jfrconv" --diff "$out/java-100k-base.collapsed" "$out/java-100k-new.collapsed" "$out/diff.jfrconv.html"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
# Kept so the section can be written again from the same figures (report.py alone).
printf '%s\n%s\n' "$load_before" "$load_after" > "$out/loadavg.txt"

python3 bench/render/report.py "$results" "$load_before" "$load_after" "$root/docs/benchmarks.md" "$loads"
