package io.sideeye.service.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotation by size, what is kept, and the line format, on a real file system. */
class LogFileTest {
    private static final Instant AT = Instant.parse("2026-01-02T03:04:05.678Z");

    @TempDir
    Path dir;

    /** Every line of {@code file} and its rotated files, oldest first. */
    private static List<String> chain(LogFile log, int kept) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int n = kept; n >= 1; n--) {
            if (Files.exists(log.numbered(n))) {
                lines.addAll(Files.readAllLines(log.numbered(n)));
            }
        }
        lines.addAll(Files.readAllLines(log.path()));
        return lines;
    }

    @Test
    void linesAreWrittenWithTimeAndStreamInFoldersCreatedPrivate() throws IOException {
        try (LogFile log = new LogFile(dir.resolve("a/b/web.log"), 1024, 2)) {
            log.write(AT, false, "hello");
            log.write(AT, true, "oops: é");
        }
        assertThat(Files.readAllLines(dir.resolve("a/b/web.log")))
                .containsExactly("2026-01-02T03:04:05.678Z stdout hello", "2026-01-02T03:04:05.678Z stderr oops: é");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b/web.log"))))
                .isEqualTo("rw-------");
    }

    @Test
    void pastMaxSizeTheFileRotatesAndOnlyMaxFilesAreKeptWithNoLineLostInBetween() throws IOException {
        LogFile log = new LogFile(dir.resolve("web.log"), 2048, 3);
        int total = 200; // about 50 bytes a line: about 40 lines a file, 5 files' worth
        for (int i = 0; i < total; i++) {
            log.write(AT, false, "line %04d".formatted(i) + "-".repeat(10));
        }
        log.close();

        assertThat(Files.size(log.path())).isLessThanOrEqualTo(2048);
        for (int n = 1; n <= 3; n++) {
            assertThat(log.numbered(n)).exists();
            assertThat(Files.size(log.numbered(n))).isLessThanOrEqualTo(2048).isGreaterThan(2048 - 60);
        }
        assertThat(log.numbered(4)).doesNotExist();
        List<String> kept = chain(log, 3);
        int first = Integer.parseInt(kept.get(0).split(" ")[3].substring(0, 4));
        for (int i = 0; i < kept.size(); i++) {
            assertThat(kept.get(i)).contains("line %04d".formatted(first + i));
        }
        assertThat(first + kept.size()).isEqualTo(total);
    }

    @Test
    void zeroMaxFilesStartsAfreshAndAppendingContinuesAnExistingFile() throws IOException {
        Path file = dir.resolve("web.log");
        Files.writeString(file, "x".repeat(1000) + "\n");
        try (LogFile log = new LogFile(file, 1024, 0)) {
            log.write(AT, false, "fits"); // 1001 + 37 bytes > 1024: rotates first
        }
        assertThat(Files.readAllLines(file)).containsExactly("2026-01-02T03:04:05.678Z stdout fits");
        assertThat(dir.resolve("web.log.1")).doesNotExist();
    }

    @Test
    void theInstancesNameFillsThePattern() {
        assertThat(LogFile.resolve(Path.of("/var/log/sideeye/{name}.log"), "worker#2"))
                .isEqualTo(Path.of("/var/log/sideeye/worker-2.log"));
        assertThat(LogFile.resolve(Path.of("/tmp/out.log"), "web")).isEqualTo(Path.of("/tmp/out.log"));
    }

    @Test
    void aFolderThatCannotBeCreatedIsReportedAndTheOutputGoesOn() throws IOException {
        Files.writeString(dir.resolve("file"), "not a folder");
        try (LogFile log = new LogFile(dir.resolve("file/web.log"), 1024, 1)) {
            log.write(AT, false, "lost, not thrown");
            log.write(AT, false, "again");
        }
        assertThat(dir.resolve("file")).hasContent("not a folder");
    }
}
