package dev.pyrometer.helper.cli;

import dev.pyrometer.cli.FailureHandler;
import dev.pyrometer.helper.profile.ProfileRequest;
import dev.pyrometer.helper.profile.RequestCheck;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a plain {@code profile} command line without picocli: building picocli's model costs about
 * 0.25 s of CPU, paid before the attach on a machine whose cores are pegged. Anything it does not
 * recognise (help, unknown options, a missing value) goes to picocli, which explains the problem;
 * {@link ProfileCommand} stays the definition of the options, and a test keeps the two equal.
 */
final class ProfileFastPath {

    private ProfileFastPath() {
    }

    /** The request {@code args} (starting with "profile") describes, or empty to let picocli handle it. */
    static Optional<ProfileRequest> parse(String[] args) {
        if (args.length == 0 || !args[0].equals("profile")) {
            return Optional.empty();
        }
        Long pid = null;
        String duration = "10s";
        String event = "cpu";
        String interval = "10ms";
        String title = null;
        List<Path> outputs = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return Optional.empty();
            }
            switch (name) {
                case "--pid" -> {
                    try {
                        pid = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                }
                case "--duration" -> duration = value;
                case "--event" -> event = value;
                case "--interval" -> interval = value;
                case "--title" -> title = value;
                case "-o", "--output" -> {
                    try {
                        outputs.add(Path.of(value));
                    } catch (java.nio.file.InvalidPathException e) {
                        return Optional.empty(); // picocli names it as a usage error
                    }
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        if (pid == null || outputs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ProfileRequest(pid, RequestCheck.parseDuration(duration), event,
                RequestCheck.parseDuration(interval), title, List.copyOf(outputs)));
    }

    /** Runs {@code profile} if the fast path understands {@code args}; returns the exit status, or empty. */
    static Optional<Integer> run(String[] args, PrintWriter out, PrintWriter err) {
        try {
            Optional<ProfileRequest> request = parse(args);
            if (request.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(ProfileCommand.profile(request.get(), out));
        } catch (RuntimeException e) {
            return Optional.of(FailureHandler.report(e, err));
        }
    }
}
