package dev.pyrometer.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrometer.controller.ControllerUnderTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job created with the CLI really runs, and the CLI finds its profiles by job and shows its runs. */
class JobProfilesTest {
    @TempDir
    Path data;
    @TempDir
    Path scratch;

    @Test
    void aJobsProfilesAreListedByJobAndItsRunsShown() throws Exception {
        try (var controller = ControllerUnderTest.startWithFastJobs(data);
             var helper = controller.connect("web-1", 4242, "shop", "1.4")) {
            var cli = Cli.against(controller.url(), ControllerUnderTest.TOKEN);
            var created = cli.run("jobs", "create", "--app", "shop", "--every", "2s", "--duration", "1s");
            assertEquals(0, created.exit(), created.toString());
            String job = created.out().strip();

            String id = helper.acceptNextProfile();
            assertEquals(0, cli.run("jobs", "pause", job).exit(), "no more runs while the test looks");
            FinishedProfiles.play(helper, id, Stacks.collapsed("com.shop.Baseline.tick"), scratch);
            controller.awaitState(id, "done");

            var listed = cli.run("profiles", "--job", job, "--state", "done");
            assertEquals(0, listed.exit(), listed.toString());
            assertTrue(listed.out().matches("(?s).*\\n" + id + " +done +web-1 +4242 +shop +1\\.4 .* job " + job + "\\n.*"),
                    listed.out());
            var otherJob = cli.run("profiles", "--job", "j-none");
            assertTrue(otherJob.out().startsWith("no profiles match"), otherJob.out());

            var shown = cli.run("jobs", "show", job);
            assertEquals(0, shown.exit(), shown.toString());
            assertTrue(shown.out().matches("(?s).*\\nRUN +STATE +PROFILES +REASON\\n.*" + id + ".*"), shown.out());
        }
    }
}
