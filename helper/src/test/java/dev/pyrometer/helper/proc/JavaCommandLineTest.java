package dev.pyrometer.helper.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading a target's java command line the way the VM and the launcher do. */
class JavaCommandLineTest {

    @Test
    void mainClassAfterOptionsWithArguments() {
        JavaCommandLine cmd = JavaCommandLine.parse(List.of("/usr/bin/java", "-cp", "a.jar:b", "-Xmx1g",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "com.shop.Main", "-XX:+DisableAttachMechanism"), List.of());
        assertEquals("com.shop.Main", cmd.mainClass());
        // Arguments of the program are not VM options.
        assertEquals(Optional.empty(), cmd.booleanFlag("DisableAttachMechanism"));
    }

    @Test
    void jarAndModuleMains() {
        assertEquals("app.jar", JavaCommandLine.parse(List.of("java", "-Dx=1", "-jar", "app.jar", "x"), List.of()).mainJar());
        JavaCommandLine module = JavaCommandLine.parse(List.of("java", "-p", "mods", "-m", "shop/com.shop.Main"), List.of());
        assertEquals("shop/com.shop.Main", module.mainClass());
        assertNull(module.mainJar());
    }

    @Test
    void flagsFromTheEnvironmentAndTheLastOneWins() {
        JavaCommandLine cmd = JavaCommandLine.parse(List.of("java", "-XX:+EnableDynamicAgentLoading", "Main"),
                List.of("PATH=/bin", "JAVA_TOOL_OPTIONS=-XX:-EnableDynamicAgentLoading -Dpyrometer.app=shop"));
        // The launcher puts JAVA_TOOL_OPTIONS before the command line, so the command line wins.
        assertEquals(Optional.of(true), cmd.booleanFlag("EnableDynamicAgentLoading"));
        assertEquals(Optional.of("shop"), cmd.systemProperty("pyrometer.app"));
        assertEquals(Optional.of("/bin"), JavaCommandLine.env(List.of("PATH=/bin"), "PATH"));
        // _JAVA_OPTIONS comes after the command line and overrides it.
        assertEquals(Optional.of(true), JavaCommandLine.parse(List.of("java", "-XX:-DisableAttachMechanism", "Main"),
                List.of("_JAVA_OPTIONS=-XX:+DisableAttachMechanism")).booleanFlag("DisableAttachMechanism"));
    }
}
