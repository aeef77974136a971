package dev.pyrometer.helper.discovery;

import dev.pyrometer.helper.proc.JavaCommandLine;
import dev.pyrometer.helper.proc.ProcessFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The application name and release a JVM declares, in order of precedence: system properties
 * {@code -Dpyrometer.app=}/{@code -Dpyrometer.release=}, environment {@code PYROMETER_APP}/
 * {@code PYROMETER_RELEASE}, then the main jar's {@code Implementation-Title}/{@code -Version}.
 */
record Labels(String app, String release) {

    static Labels of(ProcessFacts facts, JavaCommandLine cmd, List<String> env) {
        Optional<Manifest> manifest = Optional.empty();
        String app = cmd.systemProperty("pyrometer.app").or(() -> JavaCommandLine.env(env, "PYROMETER_APP")).orElse(null);
        String release = cmd.systemProperty("pyrometer.release").or(() -> JavaCommandLine.env(env, "PYROMETER_RELEASE"))
                .orElse(null);
        if ((app == null || release == null) && cmd.mainJar() != null) {
            manifest = manifest(facts, cmd.mainJar());
        }
        if (app == null) {
            app = manifest.map(m -> m.getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_TITLE)).orElse(null);
        }
        if (release == null) {
            release = manifest.map(m -> m.getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION)).orElse(null);
        }
        return new Labels(app, release);
    }

    private static Optional<Manifest> manifest(ProcessFacts facts, String jar) {
        Path dir = ProcessFacts.procDir(facts.pid());
        Path file = jar.startsWith("/") ? dir.resolve("root").resolve(jar.substring(1)) : dir.resolve("cwd").resolve(jar);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (JarFile jarFile = new JarFile(file.toFile(), false)) {
            return Optional.ofNullable(jarFile.getManifest());
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
