package dev.pyrometer.helper.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The warnings and errors async-profiler wrote to a {@code log=} file, without their level tags. */
final class AgentLog {

    private AgentLog() {
    }

    static List<String> problems(String log) {
        List<String> problems = new ArrayList<>();
        for (String raw : log.split("\n")) {
            String line = raw.strip();
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("[warn]") || lower.startsWith("[error]")) {
                problems.add(line.substring(line.indexOf(']') + 1).strip());
            }
        }
        return problems;
    }
}
