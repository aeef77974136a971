#!/usr/bin/env python3
"""Turns bench/out/render/results.tsv into the table printed by run.sh and the "## Renderer"
section of docs/benchmarks.md (the rest of that file is left alone)."""
import datetime
import os
import platform
import re
import subprocess
import sys

results, load_before, load_after, doc = sys.argv[1:5]
loads = [float(x) for x in open(sys.argv[5]).read().split()] if len(sys.argv) > 5 else []

# flamegraph.pl is in no registry here: fixed figures from ../shared/docs/peers.md (same kind of machine).
FLAMEGRAPH_PL = {"svg:javac-real": 4.75, "svg:wide-200k": 27.0, "svg:java-100k-base": 18.8, "diff:java-100k": 21.8}

rows = {}
for line in open(results):
    name, inp, tool, wall, cpu, rss, size = line.rstrip("\n").split("\t")
    rows.setdefault(name, {})[tool] = dict(wall=float(wall), cpu=float(cpu), rss=int(rss), size=int(size))


def cpu_model():
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
cores = os.cpu_count()
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
# The tools measured use up to every core themselves (jfr-converter and stackvis run several
# threads), so the bench's own load reaches the core count. Shared means more than that: a load over
# the core count during the run, or over half of it when the run began.
busy = (float(load_before.split()[0]) > 0.5 * cores
        or max([float(load_after.split()[0])] + loads) > cores)
during = (", 1-minute load %.1f–%.1f (median %.1f) across the measurements"
          % (min(loads), max(loads), sorted(loads)[len(loads) // 2])) if loads else ""
quiet = ("**No: the machine was shared** (load average before %s, after %s%s, on %d cores); wall times "
         "are inflated and noisy, CPU times and ratios within the run are the better guide."
         % (load_before, load_after, during, cores)) if busy else (
         "Yes: nothing but the bench ran (load average before %s, after %s%s, on %d cores; the tools"
         " measured use both cores themselves)." % (load_before, load_after, during, cores))

lines = []
lines.append("| workload | tool | wall (median) | CPU (median) | peak RSS | output | vs pyrometer | goal |")
lines.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |")
verdicts = []
for name, tools in rows.items():
    ours = tools.get("pyrometer")
    for tool, r in tools.items():
        ratio = ""
        if tool != "pyrometer" and ours:
            ratio = ("%.1f× slower" % (r["wall"] / ours["wall"]) if r["wall"] >= ours["wall"]
                     else "%.1f× faster" % (ours["wall"] / r["wall"]))
            if ours["cpu"] > 0:
                ratio += " (CPU %.1f×)" % (r["cpu"] / ours["cpu"])
        goal = ""
        if tool == "pyrometer":
            kind = name.split(":")[0]
            if kind == "svg":
                parts = []
                if name in FLAMEGRAPH_PL:
                    f = FLAMEGRAPH_PL[name]
                    parts.append("%.1f× flamegraph.pl's %.2f s (goal ≥ 10×)" % (f / r["wall"], f))
                if "stackvis" in tools:
                    ok = r["wall"] < tools["stackvis"]["wall"]
                    parts.append("faster than stackvis: %s" % ("yes" if ok else "NO"))
                goal = "; ".join(parts)
            elif kind == "html" and "jfr-converter" in tools:
                j = tools["jfr-converter"]
                goal = "%.2f× jfr-converter's speed, %.2f× in CPU (goal ≥ 2×); size %.2f× (goal ≤ 1)" % (
                    j["wall"] / r["wall"], j["cpu"] / r["cpu"], r["size"] / j["size"])
            elif kind == "diff" and "jfr-converter" in tools:
                goal = "%.2f× jfr-converter's time, %.2f× its CPU (goal ≤ 0.3)" % (
                    r["wall"] / tools["jfr-converter"]["wall"], r["cpu"] / tools["jfr-converter"]["cpu"])
                if name in FLAMEGRAPH_PL:
                    goal += "; difffolded+flamegraph.pl %.1f s" % FLAMEGRAPH_PL[name]
            verdicts.append("- %s: %s" % (name, goal))
        lines.append("| %s | %s | %.2f s | %.2f s | %d MB | %s | %s | %s |" % (
            name, tool, r["wall"], r["cpu"], r["rss"], "{:,}".format(r["size"]), ratio, goal))

table = "\n".join(lines)
print()
print(table)

section = f"""## Renderer

`bench/render/run.sh` (part of `make bench`). Whole commands, JVM start included: ours is
`bin/pyrometer-helper render|diff` with `-Xmx512m`; jfr-converter 4.5 is `java -jar` with the JVM's
defaults; stackvis 0.5.0 (npm) reads the same stacks with `;` turned into `,` beforehand. Median of
{os.environ.get('REPS', '3')} runs for inputs under 100 MB, one run above. HTML outputs of both tools hold every frame
(no pruning); SVGs leave out frames under 0.1 px as flamegraph.pl does. flamegraph.pl figures are the
fixed ones from `../shared/docs/peers.md`.

- Date: {datetime.datetime.fromtimestamp(os.path.getmtime(results), datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}
- Machine: {cpu_model()}, {cores} cores, {mem_gib:.0f} GiB; {java}
- Quiet machine: {quiet}

Corpus (generated by `bench/render/GenStacks.java`, fixed seeds; under `bench/out/render/`, not committed):
- `javac-real`: the real async-profiler profile of javac (`../shared/corpus/javac-cpu.collapsed.xz`, 72 MB, 48.8k stacks).
- `javac-like`: seed 1, 48.8k unique stacks of depth 8–60 over 11.6k Java/C++ names, ~80 MB.
- `wide-200k`: seed 2, 200k unique stacks of depth 20–60, short names, ~52 MB, 2.9M tree nodes;
  `-reverse` is the same file with `--reverse` (jfr-converter: `--reverse`, one run): 7.8M nodes leaf first.
- `java-100k-base` / `-new`: seeds 3–5, 100k Java-like stacks of depth 20–60, ~190 MB each; NEW has
  every count redrawn (±20%), 1% of stacks only on each side and 20 stacks 5× hotter.

{table}

Against the goals:
{chr(10).join(verdicts)}

Where the time goes (async-profiler 4.5 on the renderer itself, 2026-11-29, same machine):
- JVM start: `bin/pyrometer-helper render` of a 2-line input takes 0.10–0.12 s (0.15 s CPU; 10:40
  UTC; 0.16–0.20 s before `GraphFastPath`) with the class-data archive `make build` dumps
  (`scripts/build-cds.sh`). A plain `render` or `diff` line is read without picocli, whose model of
  a command (reflection over the annotations, an annotation proxy class per annotation type, their
  verification) took ~70 ms of CPU; anything else still goes to picocli. Interleaved, 9 runs each:
  svg:javac-real 0.406 → 0.324 s wall, 0.618 → 0.507 s CPU. An SVG render maps 1,459
  classes from it and defines 31 at run time (picocli's annotation proxies, lambda forms). The
  archive now records a `--reverse` render too. Since 9c1a811 a run builds picocli's model of
  the one subcommand it names (all five took ~0.1 s of CPU; one takes ~0.06 s), and the jars it
  uses come first on the class path (the template lookup and picocli's probe for Groovy opened all
  26 jars, ~20 ms each). jfr-converter converts a two-line input in 0.06 s.
- Parsing is one pass over bytes, no String per line, 8 bytes at a time: a word is tested for ';'
  and '\\n' without a branch per byte and folded into the name's hash. The CLI runs on C1 alone
  (it starts faster), and C1 leaves `VarHandle` and `ByteBuffer` reads as calls, so `Words` reads a
  word with one bounds check and an `Unsafe` load; the methods called per frame are kept under C1's
  35 bytes of bytecode so they are inlined. The names table keeps each name's place in the pool
  beside its hash, so a hit reads the name next, and the read buffer is 64 KB so it stays in the
  core's cache beside the names.
- `render` adds each frame to a tree as it is read: one probe of the node table, keyed on (parent,
  name hash) with the frame id beside the node, and a check of the name's bytes in place, after
  a guess at the child the parent led to last time (hits 96% of frames at depth 10, ~6% at depth
  40, 71% of all frames in javac).
- `diff` keeps each side's lines as rows of name ids instead, and sorts them into a tree: a
  multikey quicksort on the names' rank, each level read only for the rows still equal above it,
  then each row adds the frames after the prefix it shares with the row before it, numbered in
  pre-order with siblings in name order. The lookup per frame in a tree of 1.5M nodes had cost a
  cache miss or two per frame (a 32 MB table); the 30k names' table stays in cache. Rows hold every
  frame read, a tree each distinct stack once: past 1/16 of the heap a side (deep recursion over
  and over), the rows so far become a tree and the rest of the file is looked up in it.
- diff:java-100k: the two files are parsed at once, one per core, each into rows sorted into a tree
  on the thread that read it; then, on one core, one walk of both trees writes their union in
  pre-order with BASE's samples beside the sum, `PairShares` computes shares, totals and widths in
  one forward and one reverse pass, and the graph is drawn while the change ranking runs on the
  other core. Where the time goes in a quiet run of 1.04 s (2026-11-29 09:50): JVM start and
  picocli 0.15 s; each side's parse 0.40 s; its rows into a tree 0.14 s (names ranked 0.03, rows
  sorted 0.07, the tree built 0.04); children listed 0.02 s; the union walk 0.07 s; the shares
  0.045 s; drawing 0.19 s beside the ranking. Alone on one core, a side's parse takes 0.33 s and
  its tree 0.10 s: probing the names table 25%, comparing names 20%, scanning and hashing 38%, the
  kernel's copy of the file 7%.
- The row parse against the lookup parse before it (f0fa53c), interleaved, medians: at 10:00 UTC
  (5 runs each, load ~1.5) f0fa53c 1.92 s wall, 3.16 s CPU; the row parse 1.45 s, 2.48 s;
  jfr-converter 6.83 s, 10.12 s: 0.28× → 0.21× its time, 0.31× → 0.24× its CPU. At 10:17 (7 runs
  each, load 1.2–1.8, a faster spell for all three) f0fa53c 1.39 s, 2.38 s; the row parse 1.16 s
  (fastest 1.03 s), 2.02 s; jfr-converter 5.05 s, 7.66 s: 0.28× → 0.23× its time, 0.31× → 0.26×
  its CPU. Peak RSS 570 → 376 MB. Every output on
  this corpus is byte-identical between the two, SVG diffs and reports included. Step by step, in
  interleaved A/B runs: rows instead of the tree 0.82× the wall time; words instead of bytes for
  the scan and the hash, then for the name compare, a name's pool place in its slot and a 64 KB
  buffer, 0.72× together; per-frame calls small enough for C1 to inline another ~10%.
- A large file is parsed as two halves on two threads, then merged. That used to need a heap 4x
  the file, so the 190 MB Java profiles were parsed on one thread at `-Xmx512m`; the trees follow
  the frames, not the bytes (4M frames, 1.5M nodes, ~100 MB), so the frames are now estimated from
  the first megabyte and the file is split when even one node per frame fits twice. The halves
  are merged as the diff's two sides are: each half sorts its children on its own thread (its
  lookup table dropped first, so the heap holds no more than before), one walk writes the sum in
  pre-order. The SVG layout and the HTML encoder read such a tree in order, no child index.
- svg:javac-real (243k nodes, 17k drawn): the child index used to list and sort all 243k nodes
  (every name ranked through a boxed comparator sort) and the layout walked the tree twice; the
  temp-file name, the SVG root and the template's loader used `+` concatenations, each new shape
  spinning method handles at run time (~10 ms). Against the code of 9c1a811, 10 interleaved runs
  at load ~2.3: svg:javac-real 0.477 → 0.398 s wall (median; CPU 0.687 → 0.599 s), html:javac-real
  0.516 → 0.446 s (6 runs; CPU 0.736 → 0.644 s). Peak RSS 124 → 118 MB.
- `recomputeTotals` also found the deepest stack with a pass and an int per node, which only tests
  read: found on demand now.
- Interpreted loops: C1 compiles a method after ~200 calls but a loop that runs once only by
  on-stack replacement after 60,000 back-edges (`Tier3BackEdgeThreshold`), and then behind the
  compile queue. The SVG writer's loop over the javac graph's 17k frames was never compiled, and
  the merge walk ran its first ~60k nodes in the interpreter. Such loop bodies are now methods (the
  walk a stepping object), compiled early. Lowering the threshold by flag instead
  (`-XX:Tier3BackEdgeThreshold=4000`) showed no difference in 3 profiled runs each under load.
- The HTML encoder's base-45 digits divided by 45, which C1 compiles to `idiv`; a multiply by
  ceil(2^37/45) and a shift gives the same quotient for every non-negative int (checked for all).
- The CLI's `printf("%,d samples ...")` line cost ~8 ms (Formatter, its regex, locale data) at the
  end of every render: a small grouping method writes it now (f9f28cc).
- `render --reverse` on wide-200k used to run out of a 512 MB heap: the reversed tree has 7.8M nodes
  (from 2.9M), and growing it node by node through the child table costs ~60 bytes a node. It is now
  the trie of the reversed stacks taken in sorted order: each shares its longest prefix with the one
  before, so the node count is known before allocating (24 bytes a node with totals, no lookup
  table) and nodes come out in pre-order. An intermediate version built level by level fit the heap
  but numbered nodes breadth first, and the renderers' depth-first walks then missed the cache on
  every node: 5.9 s CPU against 3.3–3.9 s now. `TreePropertiesTest` checks reversal against parsing the
  stacks written backwards, node count included.
- html:wide-200k (2.9M nodes, 14.6 MB written): the file's halves are parsed on two threads
  (~1.1 s each), each sorts its children, one walk merges them in pre-order, and the frames are
  encoded in two parts on two threads, split at a root child, reading the nodes in order.
- JVM flags for render/diff (in the launcher): C1 only — full tiered compilation costs more than
  it saves here (measured again: diff CPU 4.0–4.5 s against 2.8–3.3 s); arrays over 1 MB pretenured
  with a 24 MB young generation (GC pauses of the diff 0.6 s → 0.2 s, of the wide render 0.7–1.1 s
  → 0.2–0.4 s); transparent huge pages (about 10% less CPU: the table lookups miss the TLB less).
  Starting at the heap limit (`-Xms` = `-Xmx`) cut the diff's GC pauses from 137 to 61 ms but
  raised its peak RSS from 430 to 548 MB, with no difference in CPU or wall in 4 runs each at load
  15–20: not kept.
- Not done, and why: rows for `render`'s split read too — the tree's guess at the last child hits
  71% of javac's frames, and a hit skips the scan, the hash and the probe, so rows would not beat
  it there; the diff's union built from both sides' rows with no tree per side — about 0.08 s of
  the 1.0–1.4 s; C2 or full tiered compilation — measured again on the row parse (2.28 vs 1.71 s
  wall), the compiles cost more than they save on 2 cores; mmap — the kernel's copy is 7% of the
  parse and a mapped file still needs copying into an array for the word reads.
- Wall times here move with the machine more than with the code: the same build's diff took 1.04 s
  and 1.74 s in back-to-back runs, and runs on the same data often differ 30% between its two
  reader threads. Ratios against a peer in the same run, and CPU times, move far less; the diff's
  figure in the table is one run a side (190 MB inputs), so the interleaved runs above are the
  better guide.
- The SVG goal of 10× flamegraph.pl's fixed figures means 0.475 s for the 72 MB javac profile;
  JVM start and picocli take ~0.15 s of it and the flamegraph.pl figures come from a quiet machine,
  so wall times above move with the load more than with the code; the CPU column moves less.
"""

text = open(doc).read() if os.path.exists(doc) else "# Benchmarks\n"
pattern = re.compile(r"^## Renderer\n.*?(?=^## |\Z)", re.S | re.M)
if pattern.search(text):
    text = pattern.sub(lambda m: section + "\n", text)
else:
    text = text.rstrip("\n") + "\n\n" + section
open(doc, "w").write(text.rstrip("\n") + "\n")
print("\nrender bench: figures written to", os.path.relpath(doc))
