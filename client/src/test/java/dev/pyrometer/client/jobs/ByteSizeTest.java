package dev.pyrometer.client.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pyrometer.cli.CommandFailure;
import org.junit.jupiter.api.Test;

/** {@code --keep-bytes} and {@code --keep-age} as people write them. */
class ByteSizeTest {

    @Test
    void binaryMultiples() {
        assertEquals(10L << 30, ByteSize.parse("--keep-bytes", "10GB"));
        assertEquals(512L << 20, ByteSize.parse("--keep-bytes", "512mb"));
        assertEquals(2L << 40, ByteSize.parse("--keep-bytes", "2TiB"));
        assertEquals(100, ByteSize.parse("--keep-bytes", "100"));
    }

    @Test
    void nonsenseIsAUsageErrorNamingTheOption() {
        var e = assertThrows(CommandFailure.class, () -> ByteSize.parse("--keep-bytes", "lots"));
        assertEquals(2, e.exitCode());
        assertEquals("--keep-bytes 'lots' is not a size like 500MB or 10GB", e.getMessage());
        assertThrows(CommandFailure.class, () -> ByteSize.parse("--keep-bytes", "0GB"));
        assertThrows(CommandFailure.class, () -> ByteSize.parse("--keep-bytes", "999999999999TB"));
    }

    @Test
    void daysBecomeHoursForTheApi() {
        assertEquals("720h", JobCreateCommand.hours("30d"));
        assertEquals("168h", JobCreateCommand.hours("168h"));
    }
}
