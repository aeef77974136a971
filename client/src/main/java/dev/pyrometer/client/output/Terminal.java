package dev.pyrometer.client.output;

/** Whether output goes to a person at a terminal (redrawn progress bars) or to a file or pipe (plain lines). */
@FunctionalInterface
public interface Terminal {
    boolean interactive();
}
