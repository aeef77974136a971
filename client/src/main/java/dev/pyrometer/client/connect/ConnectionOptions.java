package dev.pyrometer.client.connect;

import dev.pyrometer.cli.CommandFailure;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import dev.pyrometer.wire.Durations;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --controller} and {@code --token-file}: mixed into the root command and inherited by every
 * subcommand, so they may stand before or after the subcommand's name.
 */
public final class ConnectionOptions {
    public static final String DEFAULT_URL = "http://127.0.0.1:8080";
    static final String URL_VARIABLE = "PYROMETER_CONTROLLER";
    static final String TOKEN_VARIABLE = "PYROMETER_TOKEN";
    /** The root command's field name for these options. */
    public static final String MIXIN_NAME = "connection";

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--controller", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "Controller URL (default: $PYROMETER_CONTROLLER, else " + DEFAULT_URL + ").")
    String controller;

    @Option(names = "--token-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "File holding the controller's token (default: the token in $PYROMETER_TOKEN).")
    Path tokenFile;

    @Option(names = "--timeout", paramLabel = "D", scope = ScopeType.INHERIT,
            description = "How long to wait for each answer of the controller (default 30s; downloads 3x that).")
    String timeout;

    /** The options of the command line {@code spec} belongs to; the root command holds them. */
    public static ConnectionOptions of(CommandSpec spec) {
        return (ConnectionOptions) spec.root().mixins().get(MIXIN_NAME).userObject();
    }

    /** A client for the controller these options name, with the token they lead to. */
    public ControllerApi connect() {
        Environment env = mixee.root().userObject() instanceof Environment e ? e : System::getenv;
        return new ControllerApi(baseUrl(env), token(env), timeout());
    }

    private Duration timeout() {
        if (timeout == null) {
            return ControllerApi.DEFAULT_TIMEOUT;
        }
        Duration d = Durations.parse(timeout);
        if (d == null || d.toMillis() < 1) {
            throw CommandFailure.usage("--timeout '" + timeout + "' is not a duration like 30s or 2m");
        }
        return d;
    }

    private URI baseUrl(Environment env) {
        String text = controller != null ? controller : env.get(URL_VARIABLE);
        String from = controller != null ? "--controller" : "$" + URL_VARIABLE;
        if (text == null || text.isBlank()) {
            text = DEFAULT_URL;
        }
        try {
            URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
                throw new URISyntaxException(text, "not an http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw CommandFailure.usage(from + " '" + text + "' is not a URL like " + DEFAULT_URL);
        }
    }

    private Token token(Environment env) {
        if (tokenFile != null) {
            String source = "--token-file " + tokenFile;
            try {
                String value = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
                if (value.isEmpty()) {
                    throw CommandFailure.input(source + " is empty; put the controller's token in it");
                }
                return new Token(value, source);
            } catch (NoSuchFileException e) {
                throw CommandFailure.input(source + ": no such file");
            } catch (IOException e) {
                throw CommandFailure.input(source + ": cannot read it (" + e.getClass().getSimpleName() + ")");
            }
        }
        String value = env.get(TOKEN_VARIABLE);
        if (value == null || value.isBlank()) {
            throw CommandFailure.usage("no token: set $" + TOKEN_VARIABLE
                    + " or pass --token-file FILE with the controller's token");
        }
        return new Token(value.strip(), "$" + TOKEN_VARIABLE);
    }
}
