package dev.pyrometer.flame.model;

import dev.pyrometer.cli.CommandFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads profile files into trees: {@code .jfr} recordings, anything else collapsed stacks. */
public final class Profiles {
    private Profiles() {
    }

    /** What reading produced: the tree, how many stacks it had and what lenient mode skipped. */
    public record Loaded(FlameTree tree, long stacks, long skipped, String firstProblem) {
    }

    /** Reads and sums every input into one new tree. */
    public static Loaded read(List<Path> inputs, boolean lenient) throws IOException {
        return read(inputs, lenient, new FrameTable());
    }

    /** Reads and sums every input into one new tree whose names live in {@code frames}. */
    public static Loaded read(List<Path> inputs, boolean lenient, FrameTable frames) throws IOException {
        FlameTree tree = new FlameTree(frames);
        CollapsedParser parser = new CollapsedParser(tree, lenient);
        for (Path input : inputs) {
            if (input.getFileName() != null && input.getFileName().toString().endsWith(".jfr")) {
                checkReadable(input);
                JfrInput.read(input, parser);
            } else {
                try (InputStream in = Files.newInputStream(input)) {
                    parser.parse(in, input.toString());
                } catch (NoSuchFileException e) {
                    throw CommandFailure.input(input + ": no such file");
                }
            }
        }
        return new Loaded(tree, parser.stacks(), parser.skipped(), parser.firstProblem());
    }

    /** Reads collapsed stacks from a stream (the controller's uploads) into a new tree. */
    public static Loaded readCollapsed(InputStream in, String source, boolean lenient) throws IOException {
        FlameTree tree = new FlameTree(new FrameTable());
        CollapsedParser parser = new CollapsedParser(tree, lenient);
        parser.parse(in, source);
        return new Loaded(tree, parser.stacks(), parser.skipped(), parser.firstProblem());
    }

    private static void checkReadable(Path input) {
        if (!Files.isRegularFile(input)) {
            throw CommandFailure.input(input + ": no such file");
        }
    }
}
