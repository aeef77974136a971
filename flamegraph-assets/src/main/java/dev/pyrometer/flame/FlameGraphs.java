package dev.pyrometer.flame;

import dev.pyrometer.cli.CommandFailure;
import dev.pyrometer.flame.diff.ChangeReport;
import dev.pyrometer.flame.diff.DiffModel;
import dev.pyrometer.flame.model.FlameTree;
import dev.pyrometer.flame.model.FrameTable;
import dev.pyrometer.flame.model.GeneratedNames;
import dev.pyrometer.flame.model.PairShares;
import dev.pyrometer.flame.model.PreorderMerge;
import dev.pyrometer.flame.model.SampleKinds;
import dev.pyrometer.flame.model.Profiles;
import dev.pyrometer.flame.model.TreeTransforms;
import dev.pyrometer.flame.render.CollapsedWriter;
import dev.pyrometer.flame.render.Graph;
import dev.pyrometer.flame.render.HtmlRenderer;
import dev.pyrometer.flame.render.SvgRenderer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * One-call entry points used by the helper, the controller and the command line: read stacks,
 * write flame graphs and differential graphs; plus the in-memory steps they are made of.
 */
public final class FlameGraphs {

    private FlameGraphs() {
    }

    /** Totals of a rendered graph, for progress lines and upload metadata. */
    public record RenderSummary(long samples, long stacks) {
    }

    /** A differential graph ready to write, and the ranked changes behind it. */
    public record DiffResult(Graph graph, List<Change> changes) {
    }

    /**
     * Reads every input (format by extension: {@code .jfr} async-profiler recording, anything else
     * collapsed stacks), sums them into one graph and writes each output, format by extension
     * ({@code .html}, {@code .svg}, {@code .collapsed}). Lenient mode reports skipped lines on stderr.
     */
    public static RenderSummary render(List<Path> inputs, List<Path> outputs, RenderOptions options)
            throws IOException {
        return render(inputs, outputs, options, System.err::println);
    }

    /** {@link #render(List, List, RenderOptions)}, with warnings (skipped lines) sent to {@code warnings}. */
    public static RenderSummary render(List<Path> inputs, List<Path> outputs, RenderOptions options,
                                       Consumer<String> warnings) throws IOException {
        if (outputs.isEmpty()) {
            throw CommandFailure.usage("no output files given");
        }
        outputs.forEach(OutputFormat::of);
        preload(outputs.stream().map(OutputFormat::of).toList());
        Profiles.Loaded loaded = read(inputs, options.lenient());
        if (loaded.skipped() > 0) {
            warnings.accept(skippedWarning(loaded));
        }
        long stacks = loaded.stacks();
        FlameTree tree = prepare(loaded.tree(), options);
        // A reversed or filtered tree is a new one: let the parsed one go before the outputs are
        // drawn (a reversed 200k-stack tree and its drawing need most of a 512 MB heap on their own).
        loaded = null;
        for (Path output : outputs) {
            writeFile(output, out -> write(tree, OutputFormat.of(output), options, out));
        }
        return new RenderSummary(tree.samples(), stacks);
    }

    /**
     * Loads the renderers' templates from the jar (and the process id the output's temporary name
     * uses) on a thread of its own while the input is read: done after the parse, they were ~10 ms
     * of a render that no other thread could take over. A failure (a jar without its templates)
     * shows again, with this one as its cause, when the renderer is used.
     */
    private static void preload(List<OutputFormat> formats) {
        Thread thread = new Thread(() -> {
            try {
                for (OutputFormat format : formats) {
                    switch (format) {
                        case SVG -> SvgRenderer.preload();
                        case HTML -> HtmlRenderer.preload();
                        case COLLAPSED -> { }
                    }
                }
                ProcessHandle.current().pid();
            } catch (Throwable ignored) {
                // reported by the renderer's first use on the main thread
            }
        }, "template-preload");
        thread.setDaemon(true);
        thread.start();
    }

    /** The one-line warning for lines lenient mode skipped. */
    public static String skippedWarning(Profiles.Loaded loaded) {
        return "warning: skipped " + loaded.skipped() + " malformed line" + (loaded.skipped() == 1 ? "" : "s")
                + "; the first: " + loaded.firstProblem();
    }

    /** Parses and sums files into one tree (see {@link #render} for formats). */
    public static Profiles.Loaded read(List<Path> inputs, boolean lenient) throws IOException {
        if (inputs.isEmpty()) {
            throw CommandFailure.usage("no input files given");
        }
        return Profiles.read(inputs, lenient);
    }

    /** Parses collapsed stacks from a stream; {@code source} names it in error messages. */
    public static FlameTree parse(InputStream in, String source, boolean lenient) throws IOException {
        return Profiles.readCollapsed(in, source, lenient).tree();
    }

    /** Sums trees into a new one. */
    public static FlameTree merge(List<FlameTree> trees) {
        FlameTree merged = new FlameTree(new FrameTable());
        trees.forEach(tree -> TreeTransforms.mergeInto(merged, tree));
        return merged;
    }

    /** Applies the options that change the tree itself: include/exclude filters, then stack reversal. */
    public static FlameTree prepare(FlameTree tree, RenderOptions options) {
        FlameTree filtered = TreeTransforms.filter(tree, options.include(), options.exclude());
        return options.reverse() ? TreeTransforms.reverse(filtered) : filtered;
    }

    /** Writes a prepared tree in one format; the stream is flushed, not closed. */
    public static void write(FlameTree tree, OutputFormat format, RenderOptions options, OutputStream out)
            throws IOException {
        switch (format) {
            case HTML -> new HtmlRenderer(Graph.of(tree, options)).render(out);
            case SVG -> new SvgRenderer(Graph.of(tree, options)).render(out);
            case COLLAPSED -> CollapsedWriter.write(tree, out);
        }
    }

    /**
     * Compares files: every input is read on its own and normalised by its own total, each side is
     * the mean of its inputs; writes the differential graph to {@code out} (.html or .svg) and
     * returns the top changes, most regressed first.
     */
    public static List<Change> diff(List<Path> base, List<Path> neu, Path out, DiffOptions options)
            throws IOException {
        OutputFormat format = diffFormat(out);
        if (base.isEmpty() || neu.isEmpty()) {
            throw CommandFailure.usage("a comparison needs at least one base and one new profile");
        }
        SampleKinds.checkComparable(base, neu);
        preload(List.of(format));
        DiffModel model = new DiffModel();
        // Inputs are independent until they meet in the union tree: read two at a time.
        ExecutorService readers = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "profile-reader");
            thread.setDaemon(true);
            return thread;
        });
        try {
            if (base.size() == 1 && neu.size() == 1) {
                // One profile a side: each is sorted on the thread that read it, and the two are laid
                // over one tree in a single walk of both (a lookup per node of NEW in BASE's tree before).
                Future<PreorderMerge.Sorted> b = readers.submit(() -> sortedOne(base.get(0), options));
                Future<PreorderMerge.Sorted> n = readers.submit(() -> sortedOne(neu.get(0), options));
                PreorderMerge.Sorted sortedBase = await(b);
                PreorderMerge.Sorted sortedNew = await(n);
                long baseSamples = sortedBase.tree().samples();
                long newSamples = sortedNew.tree().samples();
                if (baseSamples > 0 && newSamples > 0) {
                    // The readers are idle during the walk: one of them zeroes the shares' arrays meanwhile.
                    int capacity = PreorderMerge.initialCapacity(sortedBase, sortedNew);
                    Future<PairShares.Room> room = readers.submit(() -> new PairShares.Room(capacity));
                    // So are the HTML drawing's units, as long as the tree unless the walk grows it.
                    Future<long[][]> units = format == OutputFormat.HTML
                            ? readers.submit(() -> new long[][] {new long[capacity], new long[capacity]}) : null;
                    PreorderMerge.Union union = PreorderMerge.union(sortedBase, sortedNew);
                    model = DiffModel.ofPair(union, baseSamples, newSamples, await(room));
                    return drawDiff(model, readers, out, format, options, units);
                } else {
                    model.addBase(sortedBase.tree());
                    model.addNew(sortedNew.tree());
                }
                return drawDiff(model, readers, out, format, options, null);
            }
            List<Future<FlameTree>> bases = base.stream().map(p -> readers.submit(() -> readOne(p, options))).toList();
            List<Future<FlameTree>> news = neu.stream().map(p -> readers.submit(() -> readOne(p, options))).toList();
            for (Future<FlameTree> tree : bases) {
                model.addBase(await(tree));
            }
            for (Future<FlameTree> tree : news) {
                model.addNew(await(tree));
            }
            return drawDiff(model, readers, out, format, options, null);
        } finally {
            readers.shutdownNow();
        }
    }

    /** Writes the graph of a filled model to {@code out} while the changes are ranked on the other thread. */
    private static List<Change> drawDiff(DiffModel model, ExecutorService readers, Path out, OutputFormat format,
                                         DiffOptions options, Future<long[][]> units) throws IOException {
        // The HTML drawing reads no share totals: both sides' are summed on the ranking's thread then.
        Graph.DiffShares drawn = format == OutputFormat.HTML ? model.selfShares() : model.shares();
        // Ranking the changes and drawing the graph only read the finished tree: once its child
        // index is built, they run side by side, one per core. A tree numbered in pre-order is drawn
        // without the index (only the ranking walks it): the ranking's thread builds it, which took
        // 45 ms of the serial part of a diff of two 190 MB profiles. The names' rank, which both
        // read, is built here first.
        FlameTree union = model.tree();
        boolean drawnWithoutIndex = union.sortedPreorder();
        if (drawnWithoutIndex) {
            union.nameRank();
        } else {
            union.buildIndex();
        }
        Future<List<Change>> changes = readers.submit(() -> {
            if (drawnWithoutIndex) {
                union.buildIndex();
            }
            return model.changes(model.shares(), options.top(), options.test());
        });
        Graph graph = new Graph(model.tree(), options.render(), drawn);
        if (units != null) {
            long[][] room = await(units);
            writeFile(out, o -> new HtmlRenderer(graph, room).render(o));
        } else {
            writeFile(out, o -> writeDiff(new DiffResult(graph, List.of()), format, o));
        }
        return await(changes);
    }

    private static PreorderMerge.Sorted sortedOne(Path input, DiffOptions options) throws IOException {
        RenderOptions render = options.render();
        if (render.include() != null || render.exclude() != null || render.reverse()) {
            return PreorderMerge.sort(readOne(input, options));
        }
        // Nothing to filter or reverse: the union computes its own totals, the input's are not needed.
        Profiles.Loaded loaded = Profiles.readWithoutTotals(input, render.lenient());
        if (loaded.skipped() > 0) {
            System.err.println(skippedWarning(loaded));
        }
        return PreorderMerge.sort(GeneratedNames.normalized(loaded.tree()));
    }

    private static FlameTree readOne(Path input, DiffOptions options) throws IOException {
        // Two files are read at once already, one per core: each is parsed whole, not split in halves.
        Profiles.Loaded loaded = Profiles.read(List.of(input), options.render().lenient(), new FrameTable(), false);
        if (loaded.skipped() > 0) {
            System.err.println(skippedWarning(loaded));
        }
        return prepare(GeneratedNames.normalized(loaded.tree()), options.render());
    }

    private static <T> T await(Future<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading profiles");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            } else if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Compares trees already in memory (each normalised by its own total). */
    public static DiffResult diff(List<FlameTree> base, List<FlameTree> neu, DiffOptions options) {
        DiffModel model = new DiffModel();
        // The model takes over what it is given: hand it copies, the caller's trees stay as they are.
        // Lambdas, proxies and the like get one name each, so the same code matches across JVMs.
        base.forEach(tree -> model.addBase(prepare(GeneratedNames.normalized(tree.copy()), options.render())));
        neu.forEach(tree -> model.addNew(prepare(GeneratedNames.normalized(tree.copy()), options.render())));
        return diff(model, options);
    }

    private static DiffResult diff(DiffModel model, DiffOptions options) {
        Graph.DiffShares shares = model.shares();
        List<Change> changes = model.changes(shares, options.top(), options.test());
        return new DiffResult(new Graph(model.tree(), options.render(), shares), changes);
    }

    /** Writes a differential graph as HTML or SVG. */
    public static void writeDiff(DiffResult result, OutputFormat format, OutputStream out) throws IOException {
        switch (format) {
            case HTML -> new HtmlRenderer(result.graph()).render(out);
            case SVG -> new SvgRenderer(result.graph()).render(out);
            case COLLAPSED -> throw CommandFailure.usage("a differential graph is written as .html or .svg");
        }
    }

    /** Writes the JSON change report (see {@link ChangeReport}). */
    public static void writeReport(List<Change> changes, OutputStream out) throws IOException {
        ChangeReport.write(changes, out);
    }

    public static void writeReport(List<Change> changes, Path file) throws IOException {
        writeFile(file, out -> writeReport(changes, out));
    }

    private static OutputFormat diffFormat(Path out) {
        OutputFormat format = OutputFormat.of(out);
        if (format == OutputFormat.COLLAPSED) {
            throw CommandFailure.usage("a differential graph is written as .html or .svg, not " + out);
        }
        return format;
    }

    /** Writes next to the target and renames, so readers never see half a file. */
    private static void writeFile(Path file, StreamWriter writer) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw CommandFailure.input("cannot write " + file + ": directory " + dir + " does not exist");
        }
        // Built without '+': the first string concatenation of a shape spins method handles, ~10 ms of a render.
        String name = new StringBuilder(".").append(file.getFileName()).append('.')
                .append(ProcessHandle.current().pid()).append(".tmp").toString();
        Path tmp = (dir == null ? Path.of(".") : dir).resolve(name);
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                writer.write(out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @FunctionalInterface
    private interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }
}
