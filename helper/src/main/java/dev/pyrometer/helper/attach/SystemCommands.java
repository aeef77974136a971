package dev.pyrometer.helper.attach;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * {@link ProcessControl} through typed subprocesses built from numbers (never a shell string),
 * each with a deadline.
 */
final class SystemCommands implements ProcessControl {

    static final SystemCommands INSTANCE = new SystemCommands();
    private static final Duration DEADLINE = Duration.ofSeconds(3);

    private SystemCommands() {
    }

    @Override
    public void sendQuit(long pid) throws IOException {
        run(new CommandLine("kill").addArgument("-s", false).addArgument("QUIT", false)
                .addArgument(Long.toString(pid), false));
    }

    @Override
    public void renice(int nice, List<Long> tids) throws IOException {
        if (tids.isEmpty()) {
            return;
        }
        ProcessControl.checkNice(nice);
        CommandLine cmd = new CommandLine("renice").addArgument("-n", false)
                .addArgument(Integer.toString(nice), false).addArgument("-p", false);
        tids.forEach(tid -> cmd.addArgument(Long.toString(tid), false));
        run(cmd);
    }

    private static void run(CommandLine cmd) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        ExecuteWatchdog watchdog = ExecuteWatchdog.builder().setTimeout(DEADLINE).get();
        DefaultExecutor executor = DefaultExecutor.builder()
                .setExecuteStreamHandler(new PumpStreamHandler(output)).get();
        executor.setWatchdog(watchdog);
        try {
            executor.execute(cmd);
        } catch (ExecuteException e) {
            String what = watchdog.killedProcess() ? "did not finish within " + DEADLINE.toSeconds() + " s"
                    : "failed (exit " + e.getExitValue() + "): " + output.toString().trim();
            throw new IOException("'" + String.join(" ", cmd.toStrings()) + "' " + what, e);
        }
    }
}
