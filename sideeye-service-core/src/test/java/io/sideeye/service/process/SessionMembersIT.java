package io.sideeye.service.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.sideeye.testsupport.ProcStat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session scan against real processes, one of them with a command name that holds ") ". */
class SessionMembersIT {
    private Process child;

    @AfterEach
    void end() {
        if (child != null) {
            child.destroyForcibly();
        }
    }

    @Test
    void readsTheSessionIdWhateverTheCommandNameHolds(@TempDir Path dir) throws Exception {
        assumeThat(SessionMembers.AVAILABLE).as("/proc with session ids").isTrue();
        Path odd = dir.resolve("a) 1 2 (b");
        Files.copy(Path.of("/bin/sleep"), odd);
        Files.setPosixFilePermissions(odd, PosixFilePermissions.fromString("rwx------"));
        child = new ProcessBuilder(odd.toString(), "120").start();
        assertThat(ProcStat.of(child.pid()).command()).startsWith("a) 1 2");

        assertThat(SessionMembers.session(child.pid())).isEqualTo(ProcStat.self().session());
        assertThat(SessionMembers.session(ProcessHandle.current().pid())).isEqualTo(ProcStat.self().session());
    }

    @Test
    void findsTheProcessesOfASessionButNeverThisJvm() throws Exception {
        assumeThat(SessionMembers.AVAILABLE && OwnSession.available()).as("/proc and setsid").isTrue();
        child = new ProcessBuilder(OwnSession.argv(List.of("sleep", "120"), null)).start();
        long sid = child.pid();
        Set<ProcessHandle> found = new HashSet<>();
        await().until(() -> SessionMembers.session(child.pid()) == sid);

        SessionMembers.add(sid, found);
        Set<ProcessHandle> ofThisJvm = new HashSet<>();
        SessionMembers.add(ProcStat.self().session(), ofThisJvm);

        assertThat(found).containsExactly(child.toHandle());
        assertThat(ofThisJvm).doesNotContain(ProcessHandle.current());
        assertThat(SessionMembers.session(Long.MAX_VALUE)).isEqualTo(-1);
    }
}
