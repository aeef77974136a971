package dev.pyrometer.controller;

import dev.pyrometer.cli.FailureHandler;
import dev.pyrometer.controller.logging.AsyncLogHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pyrometer-controller}: the hub that helpers connect to and people drive. */
@Command(name = "pyrometer-controller", mixinStandardHelpOptions = true, version = "pyrometer-controller 0.1.0",
        description = "Registry of hosts and JVMs, REST API, web UI and durable store of flame graphs.",
        subcommands = ServeCommand.class)
public final class ControllerMain {

    public static void main(String[] args) {
        // One line per log record; set before any logger exists.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
        }
        AsyncLogHandler.install();
        int status = FailureHandler.install(new CommandLine(new ControllerMain())).execute(args);
        if (status != 0) {
            System.exit(status);
        }
    }
}
