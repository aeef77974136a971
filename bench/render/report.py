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

Where the time goes (async-profiler 4.5 on the renderer itself, 2026-11-29 04:55–07:30 UTC, same
machine, load 2–14):
- JVM start: `bin/pyrometer-helper render` of a 5-line input takes 0.37–0.43 s (0.25 s CPU) with
  the class-data archive `make build` dumps (`scripts/build-cds.sh`); an SVG render maps 1,459
  classes from it and defines 31 at run time (picocli's annotation proxies, lambda forms). The
  archive now records a `--reverse` render too. Since 9c1a811 a run builds picocli's model of
  the one subcommand it names (all five took ~0.1 s of CPU; one takes ~0.06 s), and the jars it
  uses come first on the class path (the template lookup and picocli's probe for Groovy opened all
  26 jars, ~20 ms each). jfr-converter converts a two-line input in about 0.2 s.
- Parsing is one pass over bytes, no String per line. A frame costs one probe of the node table,
  keyed on (parent, name hash) with the frame id beside the node, and a check of the name's bytes in
  place; the name table is probed only when the child is new (before: name table, then node table,
  per frame). In the diff's profile (3.4 s CPU) parsing is 57%; of it the node-table probes (a cache
  miss each, 32 MB tables) 30%, scanning and hashing the bytes 17%, name compares 16%, the kernel
  zeroing fresh heap pages 9%, interning the names of new nodes 9%. The parser's "child taken last
  time" guess hits 96% of frames at depth 10 and ~6% at depth 40; after a first miss in a line still
  29–37% (71% in javac), so it stays on for the whole line; a failed guess is mostly settled by the
  name's last byte before the whole name is compared.
- diff:java-100k: the two files are parsed at once, one per core (~1.0 s CPU each), and each
  tree's children are sorted by name on the thread that read it; then, on one core, one walk of
  both sorted trees writes their union numbered in pre-order with BASE's samples beside the sum
  (NEW used to be laid over BASE's tree with a hash lookup per node, 0.28 s), shares and totals,
  and the graph is drawn, its encoder reading the pre-ordered nodes in order, while the change
  ranking runs on the other core; JVM start, compiler and GC are ~0.5 s. Each input is parsed
  without per-node totals (the union computes its own). Against the code of 9c1a811, 4
  interleaved runs each: with the union walk, CPU 4.46 → 4.18 s at load 9–11; with everything on
  this branch, 4.16 → 3.57 s wall (median), CPU 4.27 → 4.05 s, at load 4–5. Several inputs a side
  keep the lookup path. The morning's parser changes, against a build before them: diff CPU
  3.67 → 3.38 s at load ~5, 3.01 → 2.88 s at load ~9.
- Afternoon of the diff (branch diff2, 08:00–08:20 UTC): a parser's tree no longer grows a
  per-node totals array nobody reads until the parse ends (allocated by `recomputeTotals`, the
  root's running sum kept in a field): diff CPU 3.80 → 3.54 s against 8fbc6f7, 4 interleaved runs
  at load 5.6–6.9. Each diff side's child lookup table is sized before parsing at one node per 128
  bytes of input, capped at 1/16 of the heap (the 190 MB profile's 32 MB table was built through
  five doublings, rehashing ~3% of the CPU): 3.01 → 2.94 s CPU, 1.88 → 1.86 s wall, 5 runs at load
  7.4–8.4, peak RSS 568 → 562 MB. Tried and dropped: hashing two bytes a step while scanning (the
  same hash, half the chain of multiplies; under C1 no gain, 3.30 vs 3.46 s CPU); presizing the node
  arrays as well (3.43 vs 3.38 and 3.19 vs 3.20 s CPU: noise, for more heap); C2 for the parser's
  methods only (full tiered with the C2 thresholds raised for every other method: 7.1 s CPU against
  3.6 s, as every other method is then compiled with profiling); full tiered (6.0 vs 4.5 s).
  Profile of the diff after these (3.4 s CPU at 1 ms): node-table probes (`childByName`) 21%,
  scanning and hashing 12%, name byte compares 11%, interning new nodes' names 6%, node growth 4%.
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
- diff:java-100k sits at the goal's line, not under it with margin. With the serial stretch cut
  (branch diff3, 08:45–08:51: shares, totals and widths in one forward and one reverse pass,
  `PairShares`; the HTML's side totals and the child index on the ranking's thread; the union's
  arrays sized for the larger tree plus an eighth; big arrays allocated ahead on idle threads;
  main 1.84–2.06 s → 1.60–1.81 s in five interleaved A/B series): the 09:03 bench run gave 0.29×
  (1.60 s vs 5.55 s) and 7 interleaved pairs at 08:57 (load 1.2–1.5) 0.32× of the medians (ours
  1.82 s, fastest 1.60 s; jfr-converter 5.62 s, fastest 5.20 s), 0.37× in CPU. Where ours goes:
  JVM start and picocli 0.15 s; both parses at once, one per core, 1.2 s; main's serial stretch
  0.17 s (the union walk 0.13 s, the pair's arrays 0.04 s); drawing 0.23 s beside the ranking; a
  full GC of ~37 ms with both parsed trees live. Under 0.3× with margin needs a parse that costs
  less per frame (the node table's cache miss, the name compare) or one shared tree for both sides
  instead of two merged.
- The table above is the 09:03 run, started right after a `make test` (its load still decaying at
  the start, hence "shared"). The 08:27 run, quiet by the same rule, of the code before diff3 (which
  changed only the diff and the merge of a split read): svg:javac-real 0.37 s, 12.8× flamegraph.pl;
  svg wide-200k 25.5×, java-100k 25.1×; html 3.21–3.38× jfr-converter; diff 0.37× (jfr-converter's
  single run 4.97 s).
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
- Not done, and why: scanning separators 8 bytes at a time — the renderer runs on C1 only, which
  has no fast unaligned long read from a `byte[]` without `Unsafe`, and the name hash needs every
  byte anyway; 12-byte node-table slots — the slot now carries the frame id for the in-place name
  check, dropping it costs a miss on the frame array per hit; mmap — the read copies are 2–3% of the
  parse.
- Runs today differ more with the load than with the code: with this code, at 05:23 UTC (load
  4.5–6.6) the diff was 0.34× jfr-converter's time (0.36× CPU), svg:javac-real 0.46 s (10.3×
  flamegraph.pl), svg:wide-200k 15.7×, svg:java-100k-base 7.8×, html:javac-like 3.05×; in the run
  above (load 5.5–13.2) the diff is 0.22× (0.31× CPU), svg:javac-real 4.0×, svg:java-100k-base
  14.4×, html:javac-like 1.34× in wall (2.35× in CPU). The CPU ratios move far less.
- The diff is timed once a side (190 MB inputs), so one run says little: three runs of this branch
  between 07:41 and 07:55 UTC (load medians over each run 6.5, 7.1 and 6.7; the last two with int
  arithmetic in ByteWriter) gave 0.25×, 0.31× and 0.32× jfr-converter's time, 0.29×, 0.34× and
  0.35× its CPU; ours took 3.57, 3.67 and 4.31 s CPU, jfr-converter 12.41, 10.72 and 12.27 s.
  svg:javac-real, timed first in a run: 0.41 s in the run above (started at load 2.5), 0.91 and
  0.83 s in the two before it (started at load 5.5 and 6.9).
- What is left for the diff goal (0.3× jfr-converter): not met with margin. Interleaved at
  08:22 UTC, 4 runs each, load 1.6: 8fbc6f7 1.97 s wall, 3.30 s CPU; this branch 1.82 s, 2.96 s;
  jfr-converter 6.57 s, 9.76 s (medians): 0.30× → 0.28× its time, 0.34× → 0.30× its CPU. At load
  2.2 a minute earlier (3 runs each): ours 2.07 s, 3.28 s, jfr-converter 6.78 s, 10.39 s, 0.31×.
  `run.sh` times the diff once a side: in its 08:25 run of this code (load 1.6–2.1) that one run
  took 3.80 s CPU, 0.34× in time and 0.37× in CPU; at 08:19 (load 4.1–8.2, inputs run 3 times)
  0.33× and 0.32×. Single runs of ours spread over 2.9–3.8 s CPU at the same load.
  jfr-converter uses both cores too (9.8 s CPU in 6.6 s), so the ratio in time tracks the ratio in
  CPU. The floor of this design
  is about 2.0 s CPU of parsing (two sides, one per core, bound by a cache miss per frame in the
  node table, a compare of the name's bytes per frame and interning the names of the ~37% of frames
  that open a new node), ~0.3 s of JVM start and ~0.7 s serial (union walk, shares, totals,
  drawing): about 3 s CPU, ~0.30× of jfr-converter's ~10 s. Reaching 0.25× needs the parse itself
  cheaper: compares of 8 bytes at a time (C1 has no fast unaligned long read of a `byte[]`), or a
  parse that does not build each side's tree before the union (one pass over both files into one
  table keyed by (parent, name), halving the probes of nodes the two sides share).
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
