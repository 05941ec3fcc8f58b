package io.sideeye.service.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeRecordsTest {
    private static final String KEY = "/home/me/backend|127.0.0.1:8000";

    @TempDir
    Path temp;

    @Test
    void recordsPidStartTimeAndInstanceInAHashedFile() throws Exception {
        Path dir = temp.resolve("run/sideeye");
        RuntimeRecords records = RuntimeRecords.in(dir);
        Instant start = Instant.parse("2024-05-01T10:15:30.123Z");

        records.record(KEY, 4711, start, "instance-1");

        Path file = records.fileFor(KEY);
        assertThat(file.getParent()).isEqualTo(dir);
        assertThat(file.getFileName().toString()).matches("[0-9a-f]{32}\\.json");
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.get("pid").asLong()).isEqualTo(4711);
        assertThat(json.get("startTime").asText()).isEqualTo("2024-05-01T10:15:30.123Z");
        assertThat(json.get("instanceId").asText()).isEqualTo("instance-1");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file); // no temporary file left over
        }
    }

    @Test
    void keepsTheFolderAndFilesPrivateToTheOwner() throws Exception {
        Path dir = temp.resolve("private");
        RuntimeRecords records = RuntimeRecords.in(dir);

        records.record(KEY, 4711, Instant.now(), "instance-1");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(records.fileFor(KEY))))
                .isEqualTo("rw-------");
    }

    @Test
    void differentKeysGetDifferentFilesAndTheSameKeyIsReplaced() throws Exception {
        RuntimeRecords records = RuntimeRecords.in(temp);

        records.record("a", 1, Instant.now(), "x");
        records.record("b", 2, Instant.now(), "y");
        records.record("a", 3, Instant.now(), "z");

        assertThat(records.fileFor("a")).isNotEqualTo(records.fileFor("b"));
        assertThat(new ObjectMapper().readTree(records.fileFor("a").toFile()).get("pid").asLong()).isEqualTo(3);
    }

    @Test
    void clearForgetsTheRecord() {
        RuntimeRecords records = RuntimeRecords.in(temp);
        records.record(KEY, 4711, Instant.now(), "instance-1");

        records.clear(KEY);
        records.clear(KEY); // twice is harmless

        assertThat(records.fileFor(KEY)).doesNotExist();
    }

    @Test
    void aCorruptRecordIsDeletedWithoutAnException() throws Exception {
        RuntimeRecords records = RuntimeRecords.in(temp);
        Files.writeString(records.fileFor(KEY), "{\"pid\": \"not a number\"");

        records.stopStale(KEY);

        assertThat(records.fileFor(KEY)).doesNotExist();
    }

    @Test
    void aRecordWithoutStartTimeStopsNothingAndIsDeleted() throws Exception {
        RuntimeRecords records = RuntimeRecords.in(temp);
        Files.writeString(records.fileFor(KEY), "{\"pid\": " + ProcessHandle.current().pid() + "}");

        records.stopStale(KEY);

        assertThat(records.fileFor(KEY)).doesNotExist();
    }

    @Test
    void aMissingStartTimeIsAskedOfTheOperatingSystem() throws Exception {
        RuntimeRecords records = RuntimeRecords.in(temp);
        ProcessHandle self = ProcessHandle.current();

        records.record(KEY, self.pid(), null, "instance-1");

        JsonNode json = new ObjectMapper().readTree(records.fileFor(KEY).toFile());
        assertThat(Instant.parse(json.get("startTime").asText())).isEqualTo(self.info().startInstant().orElseThrow());
    }

    @Test
    void neverStopsTheCurrentProcessEvenWhenItMatches() {
        RuntimeRecords records = RuntimeRecords.in(temp);
        ProcessHandle self = ProcessHandle.current();
        records.record(KEY, self.pid(), self.info().startInstant().orElseThrow(), "instance-1");

        records.stopStale(KEY);

        assertThat(self.isAlive()).isTrue(); // trivially, or this test would not report at all
        assertThat(records.fileFor(KEY)).doesNotExist();
    }

    @Test
    void aMissingRecordIsNothingToDo() {
        RuntimeRecords.in(temp.resolve("never-created")).stopStale(KEY);

        assertThat(temp.resolve("never-created")).doesNotExist();
    }

    @Test
    void withoutAFolderNothingIsWrittenOrRead() throws Exception {
        RuntimeRecords records = RuntimeRecords.in(null);

        records.record(KEY, 4711, Instant.now(), "instance-1");
        records.stopStale(KEY);
        records.clear(KEY);

        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void anUnwritableFolderIsLoggedNotThrown() throws Exception {
        Path notADir = Files.writeString(temp.resolve("file"), "occupied");
        RuntimeRecords records = RuntimeRecords.in(notADir.resolve("sub"));

        records.record(KEY, 4711, Instant.now(), "instance-1");

        assertThat(notADir).isRegularFile().hasContent("occupied");
    }
}
