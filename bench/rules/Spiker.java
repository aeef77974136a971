/**
 * The rules bench's target: idles for the given seconds, then N threads start burning CPU; prints
 * "spike <epoch ms>" at the instant they start, so detection latency is measured from a known moment.
 */
public final class Spiker {
    static volatile long sink;

    public static void main(String[] args) throws Exception {
        long idleMs = Long.parseLong(args[0]);
        int threads = Integer.parseInt(args[1]);
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(idleMs);
        System.out.println("spike " + System.currentTimeMillis());
        System.out.flush();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(Spiker::burn, "spike-" + i);
            t.setDaemon(true);
            t.start();
        }
        System.in.read();
        System.exit(0);
    }

    static void burn() {
        long x = 1;
        while (true) {
            for (int i = 0; i < 1_000_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
            sink = x;
        }
    }
}
