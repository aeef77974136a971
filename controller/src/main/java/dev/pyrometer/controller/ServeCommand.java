package dev.pyrometer.controller;

import dev.pyrometer.cli.CommandFailure;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import dev.pyrometer.controller.http.TlsFiles;
import dev.pyrometer.controller.retention.RetentionPolicy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code serve}: runs the controller until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the controller: helpers connect to it, people use its API and web UI.")
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data", defaultValue = "${sys:user.home}/.pyrometer/controller",
            description = "Directory for artifacts and metadata (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--token-file", description = "File holding the bearer token; else the PYROMETER_TOKEN environment variable.")
    Path tokenFile;

    @Option(names = "--tls-cert", paramLabel = "PEM",
            description = "Serve HTTPS and WSS with this certificate chain (PEM); needs --tls-key. Without it: plain HTTP, for a TLS proxy in front.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "The private key of --tls-cert (PEM, PKCS#8 or PKCS#1).")
    Path tlsKey;

    @Option(names = "--min-job-period", defaultValue = "1m", converter = DurationConverter.class,
            description = "Shortest schedule a periodic job may have, like 1m or 30s (default: ${DEFAULT-VALUE}).")
    Duration minJobPeriod;

    @Option(names = "--retention-max-age", converter = DurationConverter.class,
            description = "Delete profiles older than this, like 720h (default: keep).")
    Duration retentionMaxAge;

    @Option(names = "--retention-max-bytes",
            description = "Delete the oldest profiles while their artifacts take more than this many bytes (default: no limit).")
    Long retentionMaxBytes;

    @Option(names = "--retention-every", defaultValue = "10m", converter = DurationConverter.class,
            description = "How often retention runs (default: ${DEFAULT-VALUE}).")
    Duration retentionEvery;

    @Override
    public Integer call() throws Exception {
        TlsFiles tls = TlsFiles.of(tlsCert, tlsKey);
        var config = ControllerConfig.of(bind, port, data.toAbsolutePath(), readToken())
                .withMinJobPeriod(minJobPeriod)
                .withRetention(new RetentionPolicy(retentionMaxAge, retentionMaxBytes, retentionEvery))
                .withTls(tls);
        Vertx vertx = Vertx.vertx();
        var verticle = new ControllerVerticle(config);
        try {
            vertx.deployVerticle(verticle).await(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            if (tls != null) {
                throw CommandFailure.input("controller did not start: " + e.getMessage() + " (are --tls-cert "
                        + tls.cert() + " and --tls-key " + tls.key() + " a PEM certificate and its key?)");
            }
            throw CommandFailure.internal("controller did not start: " + e.getMessage(), e);
        }
        var out = spec.commandLine().getOut();
        out.printf("pyrometer-controller listening on %s://%s:%d/ (data in %s)%n", config.scheme(), bind,
                verticle.actualPort(), config.dataDir());
        out.flush();
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                vertx.close().await(20, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // exiting anyway; H2 recovers from an unclean stop
            }
            stopped.countDown();
        }, "pyrometer-shutdown"));
        stopped.await();
        return 0;
    }

    /** Reads durations in the wire syntax ({@code 30s}, {@code 1m}, {@code 720h}). */
    static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d = dev.pyrometer.wire.Durations.parse(value);
            if (d == null || d.isZero()) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a duration like 30s, 1m or 720h");
            }
            return d;
        }
    }

    private String readToken() {
        if (tokenFile != null) {
            try {
                String t = Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
                if (t.isEmpty()) {
                    throw CommandFailure.usage("token file " + tokenFile + " is empty; put the bearer token in it");
                }
                return t;
            } catch (IOException e) {
                throw CommandFailure.input("cannot read --token-file " + tokenFile + ": " + e.getMessage());
            }
        }
        String env = System.getenv("PYROMETER_TOKEN");
        if (env == null || env.isBlank()) {
            throw CommandFailure.usage("no token: set PYROMETER_TOKEN or pass --token-file FILE; "
                    + "the controller refuses to run without authentication");
        }
        return env.trim();
    }
}
