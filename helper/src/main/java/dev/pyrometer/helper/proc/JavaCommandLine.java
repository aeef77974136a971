package dev.pyrometer.helper.proc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parts of a {@code java} command line (plus the option variables the launcher and the VM
 * read from the environment) that matter from outside: VM flags, system properties, main class or jar.
 */
public record JavaCommandLine(List<String> vmOptions, String mainClass, String mainJar) {

    private static final Set<String> OPTIONS_WITH_ARGUMENT = Set.of(
            "-cp", "-classpath", "--class-path", "-p", "--module-path", "--upgrade-module-path",
            "--add-modules", "--limit-modules", "--add-reads", "--add-exports", "--add-opens",
            "--patch-module", "--enable-native-access");
    /** Read before the command line (so it overrides them) ... */
    private static final List<String> ENV_BEFORE = List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS");
    /** ... and after it (it overrides the command line). */
    private static final String ENV_AFTER = "_JAVA_OPTIONS";

    public static JavaCommandLine parse(List<String> argv, List<String> environment) {
        List<String> vm = new ArrayList<>();
        ENV_BEFORE.forEach(name -> env(environment, name).ifPresent(value -> addSplit(vm, value)));
        JavaCommandLine fromArgv = parseArgv(argv, vm);
        List<String> all = new ArrayList<>(fromArgv.vmOptions());
        env(environment, ENV_AFTER).ifPresent(value -> addSplit(all, value));
        return new JavaCommandLine(List.copyOf(all), fromArgv.mainClass(), fromArgv.mainJar());
    }

    private static void addSplit(List<String> options, String value) {
        for (String opt : value.trim().split("\\s+")) {
            if (!opt.isEmpty()) {
                options.add(opt);
            }
        }
    }

    private static JavaCommandLine parseArgv(List<String> argv, List<String> vm) {
        String mainClass = null;
        String mainJar = null;
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (arg.equals("-jar") && i + 1 < argv.size()) {
                mainJar = argv.get(i + 1);
                break;
            }
            if ((arg.equals("-m") || arg.equals("--module")) && i + 1 < argv.size()) {
                mainClass = argv.get(i + 1);
                break;
            }
            if (arg.startsWith("--module=")) {
                mainClass = arg.substring("--module=".length());
                break;
            }
            if (OPTIONS_WITH_ARGUMENT.contains(arg)) {
                vm.add(arg);
                i++;
                continue;
            }
            if (!arg.startsWith("-")) {
                mainClass = arg;
                break;
            }
            vm.add(arg);
        }
        return new JavaCommandLine(List.copyOf(vm), mainClass, mainJar);
    }

    /** The value of a boolean {@code -XX:[+-]name} flag if given; the last occurrence wins, as in the VM. */
    public Optional<Boolean> booleanFlag(String name) {
        Optional<Boolean> value = Optional.empty();
        for (String opt : vmOptions) {
            if (opt.equals("-XX:+" + name)) {
                value = Optional.of(true);
            } else if (opt.equals("-XX:-" + name)) {
                value = Optional.of(false);
            }
        }
        return value;
    }

    public boolean has(String option) {
        return vmOptions.contains(option);
    }

    /** The value of {@code -Dname=value}, last one wins. */
    public Optional<String> systemProperty(String name) {
        String prefix = "-D" + name + "=";
        String value = null;
        for (String opt : vmOptions) {
            if (opt.startsWith(prefix)) {
                value = opt.substring(prefix.length());
            }
        }
        return Optional.ofNullable(value);
    }

    /** What a person calls this program: the main class, else the jar, else "?". */
    public String displayName() {
        return mainClass != null ? mainClass : mainJar != null ? mainJar : "?";
    }

    public static Optional<String> env(List<String> environment, String name) {
        Map<String, String> map = new java.util.HashMap<>();
        for (String entry : environment) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                map.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return Optional.ofNullable(map.get(name));
    }
}
