package dev.pyrometer.flame.render;

import dev.pyrometer.flame.model.FlameTree;
import dev.pyrometer.flame.model.FrameTable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/** Writes a tree back as collapsed stacks, one line per node with self samples, suffixes kept. */
public final class CollapsedWriter {
    private CollapsedWriter() {
    }

    public static void write(FlameTree tree, OutputStream stream) throws IOException {
        ByteWriter out = new ByteWriter(stream);
        FrameTable frames = tree.frames();
        byte[] pool = frames.pool();
        int[][] path = {new int[64]};
        try {
            tree.walk((node, depth) -> {
                if (node == FlameTree.ROOT) {
                    return true;
                }
                if (depth > path[0].length) {
                    path[0] = Arrays.copyOf(path[0], depth * 2);
                }
                path[0][depth - 1] = tree.frame(node);
                long self = tree.self(node);
                if (self > 0) {
                    try {
                        for (int i = 0; i < depth; i++) {
                            if (i > 0) {
                                out.write(';');
                            }
                            int f = path[0][i];
                            out.write(pool, frames.nameStart(f), frames.tokenLength(f));
                        }
                        out.write(' ').decimal(self).write('\n');
                    } catch (IOException e) {
                        throw new Layout.LayoutException(e);
                    }
                }
                return true;
            });
        } catch (Layout.LayoutException e) {
            throw (IOException) e.getCause();
        }
        out.flush();
    }
}
