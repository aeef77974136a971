package dev.pyrometer.helper.testing;

/**
 * The busy JVM that the helper's tests, the e2e tests (through this module's test-jar) and the bench
 * profile: N threads spinning in {@link #burn}, "ready" on stdout once they run. A second argument
 * picks other work: {@code alloc} allocates in {@link #churn}, {@code lock} takes turns on one
 * monitor in {@link #contend}, for allocation and lock profiles.
 */
public final class CpuBurner {

    static volatile long sink;
    static volatile Object kept;
    private static final Object MONITOR = new Object();

    public static void main(String[] args) throws InterruptedException {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2 * Runtime.getRuntime().availableProcessors();
        Runnable work = switch (args.length > 1 ? args[1] : "cpu") {
            case "alloc" -> CpuBurner::allocate;
            case "lock" -> CpuBurner::takeTurns;
            default -> CpuBurner::spin;
        };
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(work, "burner-" + i);
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

    private static void allocate() {
        int n = 0;
        while (true) {
            kept = churn(n++);
        }
    }

    /** The allocating method: an allocation profile of this process should be mostly this frame. */
    static long[] churn(int n) {
        return new long[64 + (n & 255)];
    }

    private static void takeTurns() {
        long x = Thread.currentThread().getId();
        while (true) {
            x = contend(x);
        }
    }

    /** The contended method: threads wait here for the monitor another holds while it burns. */
    static long contend(long x) {
        synchronized (MONITOR) {
            long y = burn(x);
            sink = y;
            return y;
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
