package dev.pyrometer.helper.cli;

import dev.pyrometer.cli.CommandFailure;
import dev.pyrometer.helper.daemon.DaemonConfig;
import dev.pyrometer.helper.daemon.HelperDaemon;
import dev.pyrometer.helper.daemon.HostFacts;
import dev.pyrometer.helper.daemon.TokenRejected;
import dev.pyrometer.helper.profile.Profiler;
import dev.pyrometer.helper.rules.RuleFile;
import dev.pyrometer.helper.rules.RulesOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code serve}: run as this host's daemon, connected out to a controller. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs as this host's helper daemon: connects out to the controller (WebSocket), reports the"
                + " JVMs here, profiles them on request and uploads the results.",
            "The token comes from --token-file or PYROMETER_TOKEN, never from the command line."})
public final class ServeCommand implements Callable<Integer> {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})([kmg]?)");

    @Option(names = "--controller", required = true, description = "Controller URL, e.g. http://hub:8080.")
    String controller;

    @Option(names = "--token-file", description = "File holding the bearer token; else PYROMETER_TOKEN.")
    Path tokenFile;

    @Option(names = "--host", description = "Name of this host at the controller (default: the kernel's host name).")
    String host;

    @Option(names = "--spool", description = "Where finished profiles wait for upload (default: <work dir>/spool).")
    Path spool;

    @Option(names = "--spool-max-bytes", defaultValue = "1g",
            description = "Spool limit; the oldest profiles are dropped past it (k/m/g suffixes; default: ${DEFAULT-VALUE}).")
    String spoolMaxBytes;

    @Option(names = "--rules", paramLabel = "FILE",
            description = "JSON array of rules evaluated by this helper alongside the controller's (see README, Rules).")
    Path rulesFile;

    @Option(names = "--max-rule-profiles", paramLabel = "N",
            description = "At most N rule-started profiles at once on this host (default: the controller's"
                    + " max_concurrent, else 1).")
    Integer maxRuleProfiles;

    @Override
    public Integer call() {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %5$s%6$s%n");
        Path work = Profiler.defaultWorkDir();
        var config = new DaemonConfig(controllerUri(), token(), hostName(), spool != null ? spool : work.resolve("spool"),
                size(spoolMaxBytes), work);
        HelperDaemon daemon = new HelperDaemon(config, rulesOptions());
        Runtime.getRuntime().addShutdownHook(new Thread(daemon::stop, "helper-shutdown"));
        try {
            daemon.run();
        } catch (TokenRejected e) {
            throw CommandFailure.remote(e.getMessage());
        }
        return 0;
    }

    private RulesOptions rulesOptions() {
        if (maxRuleProfiles != null && (maxRuleProfiles < 1 || maxRuleProfiles > 64)) {
            throw CommandFailure.usage("--max-rule-profiles must be from 1 to 64, got " + maxRuleProfiles);
        }
        try {
            return new RulesOptions(rulesFile == null ? java.util.List.of() : RuleFile.load(rulesFile), maxRuleProfiles);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage(e.getMessage() + "; fix the file or leave out --rules");
        }
    }

    private URI controllerUri() {
        try {
            URI uri = URI.create(controller.endsWith("/") ? controller : controller + "/");
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("not http(s)");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage("--controller must be an http:// or https:// URL like http://hub:8080, got '"
                    + controller + "'");
        }
    }

    private String token() {
        String t;
        if (tokenFile != null) {
            try {
                t = Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw CommandFailure.input("cannot read --token-file " + tokenFile + ": " + e.getMessage());
            }
        } else {
            t = System.getenv("PYROMETER_TOKEN");
        }
        if (t == null || t.isBlank()) {
            throw CommandFailure.usage("no token: set PYROMETER_TOKEN or pass --token-file FILE with the controller's token");
        }
        return t.trim();
    }

    private String hostName() {
        String h = host != null ? host : HostFacts.hostName();
        if (!HostFacts.HOST_NAME.matcher(h).matches()) {
            throw CommandFailure.usage("host name '" + h + "' is not 1-253 of A-Z a-z 0-9 . _ -; pass --host NAME");
        }
        return h;
    }

    static long size(String text) {
        var m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw CommandFailure.usage("--spool-max-bytes must be a size like 500m or 2g, got '" + text + "'");
        }
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        return Long.parseLong(m.group(1)) << shift;
    }
}
