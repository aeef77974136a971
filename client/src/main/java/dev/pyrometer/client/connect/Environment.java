package dev.pyrometer.client.connect;

/** Where settings like {@code PYROMETER_TOKEN} are read; the process environment, or a map in tests. */
@FunctionalInterface
public interface Environment {
    String get(String name);
}
