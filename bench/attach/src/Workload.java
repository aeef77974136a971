/**
 * A CPU-bound workload for the overhead bench: one thread per core doing fixed work units; every
 * 250 ms it prints "<epoch ms> <units done so far> <process CPU ns so far>" so windows can be cut
 * afterwards. Units per CPU-second stay comparable when other tenants take the cores.
 */
public final class Workload {
    static final java.util.concurrent.atomic.LongAdder UNITS = new java.util.concurrent.atomic.LongAdder();
    static volatile long sink;

    public static void main(String[] args) throws InterruptedException {
        int threads = Integer.parseInt(args[0]);
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(Workload::work, "work-" + i);
            t.setDaemon(true);
            t.start();
        }
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        while (true) {
            System.out.println(System.currentTimeMillis() + " " + UNITS.sum() + " " + os.getProcessCpuTime());
            System.out.flush();
            Thread.sleep(250);
        }
    }

    static void work() {
        long x = 1;
        java.util.Map<Long, Long> map = new java.util.HashMap<>();
        while (true) {
            // A little of everything a service does: arithmetic, hashing, allocation, calls.
            for (int i = 0; i < 10_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
                map.merge(x & 1023, x, Long::sum);
            }
            sink = x + map.size();
            UNITS.increment();
        }
    }
}
