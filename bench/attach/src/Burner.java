/** Bench target: N threads spinning; "ready" once they run. Never attached before the bench attaches. */
public final class Burner {
    static volatile long sink;

    public static void main(String[] args) throws InterruptedException {
        int threads = Integer.parseInt(args[0]);
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(Burner::spin, "burner-" + i);
            t.setDaemon(true);
            t.start();
        }
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    static void spin() {
        long x = Thread.currentThread().getId();
        while (true) {
            x = burn(x);
            sink = x;
        }
    }

    static long burn(long x) {
        for (int i = 0; i < 1_000_000; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x;
    }
}
