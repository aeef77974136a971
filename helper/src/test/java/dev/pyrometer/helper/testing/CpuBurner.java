package dev.pyrometer.helper.testing;

/**
 * The busy JVM that the helper's tests, the e2e tests (through this module's test-jar) and the bench
 * profile: N threads spinning in {@link #burn}, "ready" on stdout once they run.
 */
public final class CpuBurner {

    static volatile long sink;

    public static void main(String[] args) throws InterruptedException {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2 * Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(CpuBurner::spin, "burner-" + i);
            t.setDaemon(true);
            t.start();
        }
        System.out.println("ready");
        System.out.flush();
        // A line on stdin is a test asking it to exit now; end of input means whoever started it is gone
        // (a test JVM that crashed or was killed), and a burner left behind would peg the machine's cores.
        try {
            System.in.read();
            System.exit(0);
        } catch (java.io.IOException e) {
            // no stdin at all: run until killed
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void spin() {
        long x = Thread.currentThread().getId();
        while (true) {
            x = burn(x);
            sink = x;
        }
    }

    /** The hot method: every profile of this process should be mostly this frame. */
    static long burn(long seed) {
        long x = seed;
        for (int i = 0; i < 2_000_000; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            x ^= x >>> 29;
        }
        return x;
    }
}
