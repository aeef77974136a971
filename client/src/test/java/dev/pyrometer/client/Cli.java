package dev.pyrometer.client;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/** Runs {@code pyrometer} in-process with a given environment and captures what it prints. */
record Cli(Map<String, String> env) {

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    static Cli against(String url, String token) {
        var env = new HashMap<String, String>();
        env.put("PYROMETER_CONTROLLER", url);
        if (token != null) {
            env.put("PYROMETER_TOKEN", token);
        }
        return new Cli(env);
    }

    /** A command line running in the background whose output can be read while it runs. */
    record Running(java.util.concurrent.Future<Integer> exit, StringWriter out, StringWriter err) {
        Result result() throws Exception {
            int code = exit.get(2, java.util.concurrent.TimeUnit.MINUTES);
            return new Result(code, out.toString(), err.toString());
        }
    }

    Running start(java.util.concurrent.ExecutorService executor, String... args) {
        var out = new StringWriter(); // StringWriter synchronizes on its buffer: readable while written
        var err = new StringWriter();
        return new Running(executor.submit(() -> PyrometerMain.run(args, env, false, new PrintWriter(out, true),
                new PrintWriter(err, true))), out, err);
    }

    Result run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int exit = PyrometerMain.run(args, env, false, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }
}
