package io.sideeye.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeDirectoryTest {
    @TempDir
    Path tmp;

    private RuntimeInfo self() {
        long pid = ProcessHandle.current().pid();
        return new RuntimeInfo(pid, RuntimeDirectory.processStart(pid), 4567, "secret-token", Instant.now(), null, "/p");
    }

    @Test
    void theFileIsReadableByItsOwnerOnlyInAUserOnlyFolder() throws IOException {
        RuntimeDirectory dir = new RuntimeDirectory(tmp.resolve("sideeye"));
        Path file = dir.write(self());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.path()))).isEqualTo("rwx------");
        assertThat(file.getFileName().toString()).isEqualTo("cli-" + ProcessHandle.current().pid() + ".json");
        try (var files = Files.list(dir.path())) {
            assertThat(files).containsExactly(file); // no temporary file left behind
        }
    }

    @Test
    void theRecordReadsBackAsWrittenAndAsTheDataBindingWroteIt() throws IOException {
        RuntimeInfo info = new RuntimeInfo(42, Instant.parse("2026-12-01T10:00:00.120Z"), 4567, "secret-token",
                Instant.parse("2026-12-01T10:00:01.123456789Z"), "/etc/sideeye.yaml", "/p");
        assertThat(RuntimeDirectory.fromJson(RuntimeDirectory.toJson(info))).isEqualTo(info);
        // the files of runs started by earlier versions, written by the data binding
        byte[] earlier = io.sideeye.service.ServiceJson.writer().writeValueAsBytes(info);
        assertThat(RuntimeDirectory.fromJson(earlier)).isEqualTo(info);
        assertThat(new String(RuntimeDirectory.toJson(info), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(new String(earlier, java.nio.charset.StandardCharsets.UTF_8));
        RuntimeInfo sparse = new RuntimeInfo(7, null, 1, "t", null, null, "/p");
        assertThat(RuntimeDirectory.fromJson(RuntimeDirectory.toJson(sparse))).isEqualTo(sparse);
    }

    @Test
    void aLooseExistingFolderIsTightened() throws IOException {
        Path loose = Files.createDirectories(tmp.resolve("sideeye"));
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rwxrwxrwx"));
        new RuntimeDirectory(loose).write(self());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(loose))).isEqualTo("rwx------");
    }

    @Test
    void aLiveRunIsFoundWithItsPortAndToken() {
        RuntimeDirectory dir = new RuntimeDirectory(tmp);
        dir.write(self());
        List<RuntimeInfo> live = dir.live(s -> { throw new AssertionError(s); });
        assertThat(live).hasSize(1);
        assertThat(live.get(0).port()).isEqualTo(4567);
        assertThat(live.get(0).token()).isEqualTo("secret-token");
        assertThat(live.get(0).toString()).doesNotContain("secret-token");
    }

    @Test
    void filesOfDeadProcessesOrReusedPidsOrGarbageAreRemovedWithAMessage() throws Exception {
        RuntimeDirectory dir = new RuntimeDirectory(tmp);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        RuntimeInfo dead = new RuntimeInfo(gone.pid(), Instant.EPOCH, 1, "t", Instant.now(), null, "/p");
        dir.write(dead);
        long pid = ProcessHandle.current().pid();
        Path reused = dir.write(new RuntimeInfo(pid, Instant.EPOCH, 2, "t", Instant.now(), null, "/p"));
        Path renamed = reused.resolveSibling("cli-1.json");
        Files.move(reused, renamed); // same live pid but a different process start: a reused pid
        Files.writeString(tmp.resolve("cli-2.json"), "{not json");
        List<String> messages = new ArrayList<>();
        assertThat(dir.live(messages::add)).isEmpty();
        assertThat(messages).containsExactlyInAnyOrder(
                "removed stale runtime file " + tmp.resolve("cli-" + gone.pid() + ".json") + " (sideeye run pid "
                        + gone.pid() + " is no longer running)",
                "removed stale runtime file " + renamed + " (sideeye run pid " + pid + " is no longer running)",
                "removed unreadable runtime file " + tmp.resolve("cli-2.json"));
        try (var files = Files.list(tmp)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void deleteRemovesTheRunsFile() {
        RuntimeDirectory dir = new RuntimeDirectory(tmp);
        dir.write(self());
        dir.delete(ProcessHandle.current().pid());
        assertThat(dir.live(s -> { })).isEmpty();
    }

    @Test
    void theFolderIsUnderXdgRuntimeDirElseTheHomeCache() throws IOException {
        Path xdg = Files.createDirectories(tmp.resolve("xdg"));
        assertThat(RuntimeDirectory.forUser(Map.of("XDG_RUNTIME_DIR", xdg.toString(), "HOME", "/h")).path())
                .isEqualTo(xdg.resolve("sideeye"));
        assertThat(RuntimeDirectory.forUser(Map.of("HOME", "/h")).path()).isEqualTo(Path.of("/h/.cache/sideeye"));
        assertThat(RuntimeDirectory.forUser(Map.of("XDG_RUNTIME_DIR", tmp.resolve("missing").toString(), "HOME", "/h"))
                .path()).isEqualTo(Path.of("/h/.cache/sideeye"));
    }
}
