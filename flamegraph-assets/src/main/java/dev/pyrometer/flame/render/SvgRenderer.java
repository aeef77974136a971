package dev.pyrometer.flame.render;

import dev.pyrometer.flame.model.FlameTree;
import dev.pyrometer.flame.model.FrameKind;
import dev.pyrometer.flame.model.FrameTable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.Map;

/**
 * Writes a standalone interactive SVG from {@code templates/flame.svg}: one group per frame with
 * a tooltip, a box and a label that fits. Colours depend only on names, so output is reproducible.
 */
public final class SvgRenderer {
    static final int WIDTH = 1200;
    static final int PAD = 10;
    static final int FRAME_HEIGHT = 16;
    static final int TOP = 64;
    static final int BOTTOM = 36;
    static final double CHAR_WIDTH = 7.2;
    /** Without --minwidth, frames under a tenth of a pixel are left out, as flamegraph.pl does. */
    static final double DEFAULT_MIN_PIXELS = 0.1;

    private static final Template TEMPLATE = Template.load("flame.svg");

    private final Graph graph;
    private final FlameTree tree;
    private final FrameTable frames;
    private final double pixelsPerSample;
    private final long minTotal;
    private int height;
    private double diffScale;

    /** Loads the template, if not yet done (class initialisation), so a later render need not wait for it. */
    public static void preload() {
        TEMPLATE.slots();
    }

    public SvgRenderer(Graph graph) {
        this.graph = graph;
        this.tree = graph.tree();
        this.frames = tree.frames();
        long samples = Math.max(1, tree.samples());
        this.pixelsPerSample = (double) (WIDTH - 2 * PAD) / samples;
        double minPercent = graph.options().minWidthPercent();
        this.minTotal = minPercent > 0 ? Layout.minTotal(tree, minPercent)
                : Math.max(1, (long) Math.ceil(DEFAULT_MIN_PIXELS / pixelsPerSample));
    }

    public void render(OutputStream stream) throws IOException {
        Layout.Frames drawn = Layout.frames(tree, minTotal);
        EnumSet<FrameKind> kinds = EnumSet.noneOf(FrameKind.class);
        for (int i = 0; i < drawn.count(); i++) {
            int node = drawn.node()[i];
            if (node != FlameTree.ROOT) {
                kinds.add(frames.kind(tree.frame(node)));
                if (graph.diff() != null) {
                    diffScale = Math.max(diffScale, Math.abs(graph.diff().selfDelta(node)));
                }
            }
        }
        // Full colour at the largest change, but never for less than 1% of all samples, so noise stays pale.
        diffScale = Math.max(diffScale, 0.01);
        height = TOP + (drawn.maxDepth() + 1) * FRAME_HEIGHT + BOTTOM;
        ByteWriter out = new ByteWriter(stream);
        var options = graph.options();
        TEMPLATE.render(out, Map.of(
                "root", o -> o.text("<svg version=\"1.1\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").decimal(WIDTH)
                        .text("\" height=\"").decimal(height).text("\" viewBox=\"0 0 ").decimal(WIDTH).write(' ')
                        .decimal(height).text("\">"),
                "title", o -> o.xml(options.title() == null ? "" : options.title()),
                "subtitle", o -> o.xml(options.subtitle() == null ? "" : options.subtitle()),
                "legend", o -> legend(o, kinds),
                "frames", o -> frames(o, drawn),
                "config", o -> o.text("{\"width\": ").decimal(WIDTH).text(", \"height\": ").decimal(height)
                        .text(", \"frameHeight\": ").decimal(FRAME_HEIGHT).text(", \"top\": ").decimal(TOP)
                        .text(", \"bottom\": ").decimal(BOTTOM).text(", \"pad\": ").decimal(PAD)
                        .text(", \"diff\": ").text(graph.diff() != null ? "true" : "false").write('}')));
        out.flush();
    }

    private void legend(ByteWriter out, EnumSet<FrameKind> kinds) throws IOException {
        int x = PAD;
        int y = height - 20;
        if (graph.diff() != null) {
            x = legendItem(out, x, y, Colors.diff(1, 1), "more in new");
            x = legendItem(out, x, y, Colors.diff(-1, 1), "less in new");
            out.text("<rect x=\"").decimal(x).text("\" y=\"").decimal(y).text("\" width=\"10\" height=\"10\" fill=\"url(#gone)\"/>");
            out.text("<text x=\"").decimal(x + 14).text("\" y=\"").decimal(y + 9).text("\">only in base</text>");
            return;
        }
        for (FrameKind kind : kinds) {
            x = legendItem(out, x, y, Colors.base(kind), kind.label());
        }
    }

    private static int legendItem(ByteWriter out, int x, int y, int rgb, String label) throws IOException {
        out.text("<rect x=\"").decimal(x).text("\" y=\"").decimal(y).text("\" width=\"10\" height=\"10\" fill=\"");
        Colors.hex(out, rgb);
        out.text("\"/><text x=\"").decimal(x + 14).text("\" y=\"").decimal(y + 9).text("\">").xml(label).text("</text>");
        return x + 24 + (int) Math.ceil(label.length() * CHAR_WIDTH);
    }

    private static final byte[] ROOT_NAME = ascii("all");
    private static final byte[] GROUP = ascii("<g><title>");
    private static final byte[] GONE_GROUP = ascii("<g class=\"gone\"><title>");
    private static final byte[] RECT_X = ascii("</title><rect x=\"");
    private static final byte[] Y = ascii("\" y=\"");
    private static final byte[] WIDTH_ATTR = ascii("\" width=\"");
    private static final byte[] HEIGHT_FILL = ascii("\" height=\"" + (FRAME_HEIGHT - 1) + "\" fill=\"");
    private static final byte[] TEXT_X = ascii("\"/><text x=\"");
    private static final byte[] TEXT_BODY = ascii("\">");
    private static final byte[] END = ascii("</text></g>\n");
    private static final byte[] SAMPLES = ascii(" samples, ");
    private static final byte[] PERCENT_CLOSE = ascii("%)");

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private void frames(ByteWriter out, Layout.Frames drawn) throws IOException {
        out.write('\n');
        long samples = Math.max(1, tree.samples());
        for (int i = 0; i < drawn.count(); i++) {
            frame(out, drawn.node()[i], drawn.depth()[i], drawn.left()[i], samples);
        }
    }

    /**
     * One frame's group. A method of its own, not the body of the loop above: the JIT compiles a
     * method after a few hundred calls, but a loop run once only after tens of thousands of
     * iterations, and an SVG has about 17k frames, all of them written by the interpreter before.
     */
    private void frame(ByteWriter out, int node, int depth, long left, long samples) throws IOException {
        int f = tree.frame(node);
        byte[] nameBytes = f < 0 ? ROOT_NAME : frames.pool();
        int nameOff = f < 0 ? 0 : frames.nameStart(f);
        int nameLen = f < 0 ? ROOT_NAME.length : frames.nameLength(f);
        double x = PAD + left * pixelsPerSample;
        double w = tree.total(node) * pixelsPerSample;
        int y = height - BOTTOM - (depth + 1) * FRAME_HEIGHT;
        Graph.DiffShares diff = graph.diff();
        boolean gone = diff != null && diff.newTotal()[node] == 0;
        out.write(gone ? GONE_GROUP : GROUP).xml(nameBytes, nameOff, nameLen);
        tooltip(out, node, samples);
        out.write(RECT_X).fixed(x, 2).write(Y).decimal(y).write(WIDTH_ATTR).fixed(w, 2).write(HEIGHT_FILL);
        int rgb = diff != null ? Colors.diff(diff.selfDelta(node), diffScale)
                : f < 0 ? Colors.base(FrameKind.NATIVE) : Colors.plain(frames.kind(f), frames.nameHash(f));
        Colors.hex(out, rgb);
        out.write(TEXT_X).fixed(x + 3, 2).write(Y).decimal(y + 12).write(TEXT_BODY);
        label(out, nameBytes, nameOff, nameLen, w);
        out.write(END);
    }

    private void tooltip(ByteWriter out, int node, long samples) throws IOException {
        Graph.DiffShares diff = graph.diff();
        if (diff == null) {
            out.write(' ').write('(');
            out.grouped(tree.total(node));
            out.write(SAMPLES).fixed(100.0 * tree.total(node) / samples, 2).write(PERCENT_CLOSE);
            return;
        }
        out.text(" (base ").fixed(100 * diff.baseTotal()[node], 2).text("% self ").fixed(100 * diff.baseSelf()[node], 2)
                .text("%, new ").fixed(100 * diff.newTotal()[node], 2).text("% self ").fixed(100 * diff.newSelf()[node], 2)
                .text("%, self delta ");
        double delta = 100 * diff.selfDelta(node);
        out.text(delta >= 0 ? "+" : "").fixed(delta, 2).text("%");
        if (diff.newTotal()[node] == 0) {
            out.text(", only in base");
        } else if (diff.baseTotal()[node] == 0) {
            out.text(", only in new");
        }
        out.text(")");
    }

    /** The name, cut to what fits in {@code width} pixels with ".." (on a character boundary). */
    private static void label(ByteWriter out, byte[] bytes, int off, int len, double width) throws IOException {
        int fit = (int) Math.floor((width - 6) / CHAR_WIDTH);
        if (fit < 3) {
            return;
        }
        int chars = 0;
        int cut = -1;
        for (int i = off; i < off + len; i++) {
            if ((bytes[i] & 0xc0) != 0x80) {
                if (chars == fit - 2) {
                    cut = i;
                }
                chars++;
            }
        }
        if (chars <= fit) {
            out.xml(bytes, off, len);
        } else {
            out.xml(bytes, off, cut - off).text("..");
        }
    }
}
