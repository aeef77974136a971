package dev.pyrometer.flame.cli;

import dev.pyrometer.cli.FailureHandler;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a plain {@code render} or {@code diff} command line without picocli: its model of a
 * command is built by reflecting over the annotated options, which took about 70 ms of CPU (a
 * fifth of rendering the 70 MB javac profile). Anything it does not recognise (help, an option it
 * does not know, a value missing or given twice) goes to picocli, which explains the problem;
 * {@link RenderCommand} and {@link DiffCommand} stay the definition of the options, and a test
 * keeps the two readings equal.
 */
public final class GraphFastPath {
    /** The options read here; any other goes to picocli. */
    static final List<String> RENDER_OPTIONS = List.of("-o", "--output", "--title", "--subtitle", "--reverse",
            "--minwidth", "--include", "--exclude", "--lenient");
    static final List<String> DIFF_OPTIONS = List.of("-o", "--output", "--report", "--top", "--title", "--subtitle",
            "--reverse", "--minwidth", "--include", "--exclude", "--lenient");

    private GraphFastPath() {
    }

    /** Runs {@code render} or {@code diff} if {@code args} (the subcommand first) are plain; the exit status, or empty. */
    public static Optional<Integer> run(String[] args, PrintWriter out, PrintWriter err) {
        try {
            if (args.length > 0 && args[0].equals("render")) {
                Optional<RenderCommand> render = parseOrEmpty(() -> render(args));
                return render.isEmpty() ? Optional.empty() : Optional.of(render.get().run(out, err));
            }
            if (args.length > 0 && args[0].equals("diff")) {
                Optional<DiffCommand> diff = parseOrEmpty(() -> diff(args));
                return diff.isEmpty() ? Optional.empty() : Optional.of(diff.get().run(out));
            }
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of(FailureHandler.report(e, err));
        }
    }

    /** A path the platform cannot name is picocli's to explain, as a usage error. */
    private static <T> Optional<T> parseOrEmpty(java.util.function.Supplier<Optional<T>> parse) {
        try {
            return parse.get();
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** {@code render ...} as picocli would set up {@link RenderCommand}, or empty. */
    static Optional<RenderCommand> render(String[] args) {
        Parsed p = Parsed.of(args, RENDER_OPTIONS);
        if (p == null || p.positional.isEmpty() || p.values("-o").isEmpty()) {
            return Optional.empty();
        }
        RenderCommand cmd = new RenderCommand();
        cmd.inputs = p.positional.stream().map(Path::of).toList();
        cmd.outputs = p.values("-o").stream().map(Path::of).toList();
        cmd.graph = new GraphOptions();
        return p.fill(cmd.graph) ? Optional.of(cmd) : Optional.empty();
    }

    /** {@code diff ...} as picocli would set up {@link DiffCommand}, or empty. */
    static Optional<DiffCommand> diff(String[] args) {
        Parsed p = Parsed.of(args, DIFF_OPTIONS);
        if (p == null || p.positional.size() != 2 || p.values("-o").size() != 1) {
            return Optional.empty();
        }
        DiffCommand cmd = new DiffCommand();
        cmd.base = Path.of(p.positional.get(0));
        cmd.neu = Path.of(p.positional.get(1));
        cmd.output = Path.of(p.values("-o").get(0));
        String report = p.once("--report");
        String top = p.once("--top");
        if (report == null || top == null) {
            return Optional.empty();
        }
        // Plain decimals only: other spellings picocli may read its own way (or refuse, explaining why).
        if (!top.isEmpty() && !top.matches("[0-9]{1,9}")) {
            return Optional.empty();
        }
        cmd.report = report.isEmpty() ? null : Path.of(report);
        cmd.top = top.isEmpty() ? 30 : Integer.parseInt(top);
        cmd.graph = new GraphOptions();
        return p.fill(cmd.graph) ? Optional.of(cmd) : Optional.empty();
    }

    /** The positional arguments and each option's values, in order; null when a token is not plain. */
    private record Parsed(List<String> positional, List<String[]> options) {
        static Parsed of(String[] args, List<String> known) {
            List<String> positional = new ArrayList<>();
            List<String[]> options = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                if (!arg.startsWith("-")) {
                    positional.add(arg);
                    continue;
                }
                int eq = arg.indexOf('=');
                String name = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
                if (!known.contains(name)) {
                    return null;
                }
                if (name.equals("--reverse") || name.equals("--lenient")) {
                    if (eq > 0) {
                        return null;
                    }
                    options.add(new String[] {name, "true"});
                } else if (eq > 0) {
                    options.add(new String[] {name, arg.substring(eq + 1)});
                } else if (i + 1 < args.length && !args[i + 1].startsWith("-")) {
                    options.add(new String[] {name, args[++i]});
                } else {
                    return null;
                }
            }
            return new Parsed(positional, options);
        }

        /** Every value of an option, {@code -o} and {@code --output} alike. */
        List<String> values(String name) {
            List<String> values = new ArrayList<>();
            for (String[] o : options) {
                if (o[0].equals(name) || name.equals("-o") && o[0].equals("--output")) {
                    values.add(o[1]);
                }
            }
            return values;
        }

        /** The value of an option given at most once: "" when absent, null when given twice. */
        String once(String name) {
            List<String> values = values(name);
            return values.size() > 1 ? null : values.isEmpty() ? "" : values.get(0);
        }

        /** Sets the shared graph options; false when one is given twice or its value is not a number. */
        boolean fill(GraphOptions graph) {
            for (String name : List.of("--title", "--subtitle", "--minwidth", "--include", "--exclude", "--reverse",
                    "--lenient")) {
                String value = once(name);
                if (value == null) {
                    return false;
                }
                if (values(name).isEmpty()) {
                    continue;
                }
                switch (name) {
                    case "--title" -> graph.title = value;
                    case "--subtitle" -> graph.subtitle = value;
                    case "--include" -> graph.include = value;
                    case "--exclude" -> graph.exclude = value;
                    case "--reverse" -> graph.reverse = true;
                    case "--lenient" -> graph.lenient = true;
                    default -> {
                        if (!value.matches("[0-9]{1,3}(\\.[0-9]{1,9})?")) {
                            return false;
                        }
                        graph.minWidth = Double.parseDouble(value);
                    }
                }
            }
            return true;
        }
    }
}
