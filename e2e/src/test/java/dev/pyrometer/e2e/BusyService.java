package dev.pyrometer.e2e;

/**
 * The busy JVM the tests profile: N threads spinning in {@link #burn}; prints "ready" once they run
 * and exits when a line (or end of input) arrives on stdin, so it dies with the test.
 */
public final class BusyService {
    static volatile long sink;

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(BusyService::spin, "busy-" + i);
            t.setDaemon(true);
            t.start();
        }
        System.out.println("ready");
        System.out.flush();
        System.in.read();
        System.exit(0);
    }

    private static void spin() {
        long x = Thread.currentThread().getId();
        while (true) {
            x = burn(x);
            sink = x;
        }
    }

    /** The hot method: most samples of any profile of this process land here. */
    static long burn(long seed) {
        long x = seed;
        for (int i = 0; i < 2_000_000; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            x ^= x >>> 29;
        }
        return x;
    }
}
