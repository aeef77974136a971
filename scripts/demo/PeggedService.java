import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The `make run` demo target, run as a single source file: a "service" whose worker threads
 * oversubscribe the cores, spending their time in a few recognisable places of a flame graph.
 */
public final class PeggedService {
    static volatile long sink;

    public static void main(String[] args) throws InterruptedException {
        int workers = args.length > 0 ? Integer.parseInt(args[0]) : 2 * Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < workers; i++) {
            Thread t = new Thread(PeggedService::serve, "worker-" + i);
            t.setDaemon(true);
            t.start();
        }
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    static void serve() {
        long request = 0;
        while (true) {
            sink += handle(request++);
        }
    }

    static long handle(long request) {
        String body = render(request);
        Map<String, Integer> fields = parse(body);
        return checksum(fields) + sortPrices(request);
    }

    static String render(long request) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            sb.append("field").append(i).append('=').append(request * 31 + i).append(';');
        }
        return sb.toString();
    }

    static Map<String, Integer> parse(String body) {
        Map<String, Integer> fields = new HashMap<>();
        for (String pair : body.split(";")) {
            int eq = pair.indexOf('=');
            fields.put(pair.substring(0, eq), pair.substring(eq + 1).hashCode());
        }
        return fields;
    }

    static long checksum(Map<String, Integer> fields) {
        long x = 0;
        for (int round = 0; round < 200; round++) {
            for (int v : fields.values()) {
                x = x * 6364136223846793005L + v;
            }
        }
        return x;
    }

    static long sortPrices(long seed) {
        List<Long> prices = new ArrayList<>();
        long x = seed;
        for (int i = 0; i < 500; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            prices.add(x >>> 40);
        }
        Long[] array = prices.toArray(Long[]::new);
        Arrays.sort(array);
        return array[array.length / 2];
    }
}
