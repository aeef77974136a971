#!/usr/bin/env bash
# Dumps helper/target/helper.jsa, an AppCDS archive of the classes a `render` (plain and
# `--reverse`) and a `diff` load, JDK classes included, and client/target/client.jsa for bin/pyrometer.
# Called by `make build` after packaging.
# Why: a render of a 70 MB profile takes about a second of work, and starting the JVM and loading
# picocli plus the renderer from the jars was a third of that; mapping the classes pre-parsed from
# the archive removes most of it. bin/pyrometer-helper uses the archive when it exists; a JVM whose
# class path no longer matches it (jars rebuilt without this script) ignores it and loads from the
# jars as before.
set -euo pipefail
cd "$(dirname "$0")/.."
home=$PWD
jsa=$home/helper/target/helper.jsa
[[ -f $home/helper/target/helper.jar ]] || { echo "build-cds: helper/target/helper.jar is missing; run 'make build'" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -f "$jsa"

# Inputs above the parser's 16 MB split, so the two-thread read path is loaded as well.
gen() {
  awk -v seed="$1" 'BEGIN { srand(seed); for (i = 0; i < 300000; i++) {
    line = "java/lang/Thread.run_[j];com/example/App.main_[j]"
    d = 3 + int(rand() * 12)
    for (k = 0; k < d; k++) line = line ";com/example/Service" int(rand() * 40) ".work" int(rand() * 9) "_[j]"
    print line, 1 + int(rand() * 9) } }' > "$2"
}
gen 1 "$tmp/base.collapsed"
gen 2 "$tmp/new.collapsed"

# The class list of each command, then one static archive of their union. The launcher is used
# for every step so the archive records exactly the class path it will be checked against.
run() { PYROMETER_HELPER_JAVA_OPTS="$1" "$home/bin/pyrometer-helper" "${@:2}" > "$tmp/log" 2>&1 \
  || { cat "$tmp/log" >&2; exit 1; }; }
run "-XX:DumpLoadedClassList=$tmp/render.classes" render "$tmp/base.collapsed" -o "$tmp/a.html" -o "$tmp/a.svg"
run "-XX:DumpLoadedClassList=$tmp/reverse.classes" render --reverse "$tmp/base.collapsed" -o "$tmp/r.svg"
run "-XX:DumpLoadedClassList=$tmp/diff.classes" diff "$tmp/base.collapsed" "$tmp/new.collapsed" \
  -o "$tmp/d.html" --report "$tmp/d.json"
run "-XX:DumpLoadedClassList=$tmp/diff-svg.classes" diff "$tmp/base.collapsed" "$tmp/new.collapsed" -o "$tmp/d.svg"
run "-XX:DumpLoadedClassList=$tmp/help.classes" --help
cat "$tmp"/*.classes > "$tmp/all.classes"
run "-Xshare:dump -XX:SharedClassListFile=$tmp/all.classes -XX:SharedArchiveFile=$jsa" --version
echo "build-cds: $(du -h "$jsa" | cut -f1) archive of $(wc -l < "$tmp/all.classes") classes -> ${jsa#"$home"/}" >&2

# The fleet CLI, bin/pyrometer: its commands are often typed while something is on fire, and loading
# picocli, the JDK's HTTP client and our commands from the jars was most of its start. The class lists
# come from a command that reaches no controller (the request and error path) and from --help.
cjsa=$home/client/target/client.jsa
rm -f "$cjsa"
if [[ -f $home/client/target/client.jar ]]; then
  crun() { PYROMETER_CLIENT_JAVA_OPTS="$1" "$home/bin/pyrometer" "${@:2}" > "$tmp/log" 2>&1 || true; }
  # port 1 (tcpmux) has no listener on any machine we run on: the connection is refused at once
  PYROMETER_TOKEN=build-cds crun "-XX:DumpLoadedClassList=$tmp/client-refused.classes" profiles --json \
    --controller http://127.0.0.1:1 --timeout 5s
  crun "-XX:DumpLoadedClassList=$tmp/client-help.classes" --help
  cat "$tmp"/client-*.classes > "$tmp/client.classes"
  crun "-Xshare:dump -XX:SharedClassListFile=$tmp/client.classes -XX:SharedArchiveFile=$cjsa" --version
  [[ -f $cjsa ]] || { cat "$tmp/log" >&2; echo "build-cds: the client archive was not written" >&2; exit 1; }
  echo "build-cds: $(du -h "$cjsa" | cut -f1) archive of $(wc -l < "$tmp/client.classes") classes -> ${cjsa#"$home"/}" >&2
fi
