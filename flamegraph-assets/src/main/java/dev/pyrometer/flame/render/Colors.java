package dev.pyrometer.flame.render;

import dev.pyrometer.flame.model.FrameKind;

/**
 * Frame colours: a base colour per kind, varied by a hash of the name so neighbours differ and
 * the same name always gets the same colour; for diffs, white to red (more) or blue (less).
 */
final class Colors {
    /** Base colour and how far each channel may vary, per {@link FrameKind} ordinal. */
    private static final int[][] PALETTE = {
        {0x50, 0xe1, 0x50, 0x28, 0x14, 0x28}, // JIT: green
        {0x3c, 0xc8, 0xc8, 0x28, 0x14, 0x14}, // inlined: cyan
        {0xe1, 0x5a, 0x5a, 0x14, 0x28, 0x28}, // interpreted: red
        {0xcc, 0xe6, 0x60, 0x14, 0x14, 0x28}, // C1: yellow-green
        {0xc8, 0xc8, 0x3c, 0x28, 0x28, 0x14}, // C++: yellow
        {0xe1, 0x82, 0x3c, 0x14, 0x32, 0x28}, // native: orange
        {0xe0, 0xa0, 0x60, 0x14, 0x28, 0x28}, // kernel: light brown
    };

    private Colors() {
    }

    static int plain(FrameKind kind, int nameHash) {
        int[] p = PALETTE[kind.ordinal()];
        int h = nameHash * 0x9E3779B9;
        int r = p[0] + (((h >>> 8) & 0xff) * p[3] >> 8);
        int g = p[1] + (((h >>> 16) & 0xff) * p[4] >> 8);
        int b = p[2] + (((h >>> 24) & 0xff) * p[5] >> 8);
        return Math.min(r, 255) << 16 | Math.min(g, 255) << 8 | Math.min(b, 255);
    }

    static int base(FrameKind kind) {
        int[] p = PALETTE[kind.ordinal()];
        return p[0] << 16 | p[1] << 8 | p[2];
    }

    /** {@code delta} over {@code scale} in [-1, 1]: blue for less, red for more, light grey for none. */
    static int diff(double delta, double scale) {
        if (delta == 0 || scale <= 0) {
            return 0xe6e6e6;
        }
        double t = Math.min(1.0, Math.abs(delta) / scale);
        int fade = (int) Math.round(220 * (1 - Math.sqrt(t)));
        return delta > 0 ? 0xff << 16 | fade << 8 | fade : fade << 16 | fade << 8 | 0xff;
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    static void hex(ByteWriter out, int rgb) throws java.io.IOException {
        out.write('#');
        for (int shift = 20; shift >= 0; shift -= 4) {
            out.write(HEX[(rgb >> shift) & 15]);
        }
    }
}
