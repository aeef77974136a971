package dev.pyrometer.helper.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeptRecordingsTest {
    @TempDir
    Path dir;

    /** Recording {@code name} of {@code bytes} bytes, modified {@code minute} minutes into the day. */
    private Path recording(String name, int bytes, int minute) throws IOException {
        Path p = Files.write(dir.resolve(name), new byte[bytes]);
        Files.setLastModifiedTime(p, FileTime.fromMillis(1_800_000_000_000L + minute * 60_000L));
        return p;
    }

    private List<String> left() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theOldestGoBeyondTheFileCount() throws IOException {
        recording("1-a.jfr", 10, 1);
        recording("1-b.jfr", 10, 2);
        recording("1-c.jfr", 10, 3);
        Path newest = recording("1-d.jfr", 10, 4);
        assertEquals(2, KeptRecordings.prune(dir, newest, 2, Long.MAX_VALUE));
        assertEquals(List.of("1-c.jfr", "1-d.jfr"), left());
    }

    @Test
    void theOldestGoBeyondTheByteBudget() throws IOException {
        recording("2-a.jfr", 400, 1);
        recording("2-b.jfr", 400, 2);
        Path newest = recording("2-c.jfr", 400, 3);
        assertEquals(1, KeptRecordings.prune(dir, newest, 100, 1000));
        assertEquals(List.of("2-b.jfr", "2-c.jfr"), left());
    }

    @Test
    void theRecordingJustWrittenStaysEvenOverTheBudgetAndOtherFilesAreNotTouched() throws IOException {
        recording("3-a.jfr", 10, 5);
        Path written = recording("3-b.jfr", 5000, 1); // a clock set back: the newest file looks oldest
        recording("3-c.jfr.part", 10, 0);
        recording("notes.txt", 10, 0);
        assertEquals(1, KeptRecordings.prune(dir, written, 100, 1000));
        assertEquals(List.of("3-b.jfr", "3-c.jfr.part", "notes.txt"), left());
    }

    @Test
    void withinTheLimitsNothingGoes() throws IOException {
        recording("4-a.jfr", 10, 1);
        Path newest = recording("4-b.jfr", 10, 2);
        assertEquals(0, KeptRecordings.prune(dir, newest));
        assertEquals(List.of("4-a.jfr", "4-b.jfr"), left());
    }
}
