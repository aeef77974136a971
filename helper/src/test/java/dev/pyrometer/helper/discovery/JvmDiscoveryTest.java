package dev.pyrometer.helper.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrometer.helper.profile.AgentLibrary;
import dev.pyrometer.helper.testing.CpuBurner;
import dev.pyrometer.helper.testing.TargetProcess;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Discovery from /proc, against real processes. */
class JvmDiscoveryTest {

    private final JvmDiscovery discovery = new JvmDiscovery(AgentLibrary.expectedPathInTarget(), Duration.ofMillis(500));

    @Test
    void listsABusyJvmWithItsLabelsAndCost() throws Exception {
        try (TargetProcess target = TargetProcess.burner(List.of("-Dpyrometer.app=shop", "-Dpyrometer.release=1.5"), "2");
             TargetProcess sleep = TargetProcess.startAndAwaitReady(List.of("sleep", "600"), null)) {
            List<JvmInfo> jvms = discovery.list();
            JvmInfo info = jvms.stream().filter(j -> j.pid() == target.pid()).findFirst().orElseThrow();
            assertEquals(CpuBurner.class.getName(), info.mainClass());
            assertEquals("shop", info.app());
            assertEquals("1.5", info.release());
            assertEquals(Runtime.version().feature(), Integer.parseInt(info.jdkVersion().split("[.]")[0]));
            assertEquals(ProcessHandle.current().info().user().orElseThrow(), info.user());
            assertTrue(info.attachable(), String.valueOf(info.notAttachableReason()));
            assertNull(info.notAttachableReason());
            assertTrue(info.rssBytes() > 0);
            assertTrue(info.cpuPercent() > 0, "two spinning threads use CPU: " + info.cpuPercent());
            assertFalse(info.containerized());
            assertTrue(jvms.stream().noneMatch(j -> j.pid() == sleep.pid()), "sleep is not a JVM");
            assertTrue(jvms.stream().noneMatch(j -> j.pid() == ProcessHandle.current().pid()), "not itself");
        }
    }

    @Test
    void labelsFromTheEnvironmentAndReasonsWhyNotAttachable() throws Exception {
        List<String> env = List.of("env", "PYROMETER_APP=billing", "PYROMETER_RELEASE=7");
        try (TargetProcess target = TargetProcess.burner(env, null, List.of("-XX:+DisableAttachMechanism"), "1")) {
            JvmInfo info = discovery.find(target.pid()).orElseThrow();
            assertEquals("billing", info.app());
            assertEquals("7", info.release());
            assertFalse(info.attachable());
            assertTrue(info.notAttachableReason().contains("DisableAttachMechanism"), info.notAttachableReason());
        }
    }

    @Test
    void findsNothingForANonJvm() throws Exception {
        try (TargetProcess sleep = TargetProcess.startAndAwaitReady(List.of("sleep", "600"), null)) {
            assertTrue(discovery.find(sleep.pid()).isEmpty());
        }
    }
}
