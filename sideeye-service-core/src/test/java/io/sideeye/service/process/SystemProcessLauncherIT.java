package io.sideeye.service.process;

import static io.sideeye.service.testsupport.TestServerScript.PYTHON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sideeye.service.testsupport.RecordingOutput;
import io.sideeye.service.testsupport.TestServerScript;
import io.sideeye.testsupport.ProcStat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemProcessLauncherIT {
    private static final Duration EXIT_WAIT = Duration.ofSeconds(20);

    private final SystemProcessLauncher launcher = new SystemProcessLauncher();
    private final RecordingOutput output = new RecordingOutput();
    private final List<ChildProcess> started = new ArrayList<>();
    private final List<Long> strays = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(ChildProcess::kill);
        strays.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    private ChildProcess launch(List<String> argv, Map<String, String> env, Path dir, OutputListener listener)
            throws IOException {
        ChildProcess child = launcher.launch(new LaunchSpec(argv, dir, env, listener));
        started.add(child);
        return child;
    }

    private ChildProcess python(String code, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of(PYTHON, "-c", code));
        argv.addAll(List.of(args));
        return launch(argv, Map.of(), null, output);
    }

    private static ExitStatus awaitExit(ChildProcess child) throws Exception {
        return child.onExit().get(EXIT_WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void deliversStdoutAndStderrLinesSeparatelyAndTheExitCode() throws Exception {
        ChildProcess child = python("import sys\nprint('out 1')\nprint('err 1', file=sys.stderr)\n"
                + "sys.stdout.write('out 2\\r\\nno newline')\nsys.exit(3)");

        assertThat(awaitExit(child)).isEqualTo(new ExitStatus(3, null));
        assertThat(output.stdout()).containsExactly("out 1", "out 2", "no newline");
        assertThat(output.stderr()).containsExactly("err 1");
        assertThat(child.isAlive()).isFalse();
    }

    @Test
    void allOutputIsDeliveredBeforeTheExitIsReported() throws Exception {
        ChildProcess child = python("for i in range(5000): print('line', i)");

        awaitExit(child);
        assertThat(output.stdout()).hasSize(5000).endsWith("line 4999");
    }

    @Test
    void theLastLineAfterASilenceLongerThanTheDrainGraceArrivesBeforeTheExit() throws Exception {
        // The pump has been blocked in a read for longer than the drain grace when the line and
        // the exit arrive together: the exit must still wait for the line.
        for (int i = 0; i < 5; i++) {
            RecordingOutput out = new RecordingOutput();
            ChildProcess child = launch(List.of(PYTHON, "-c",
                    "import os, time\ntime.sleep(0.3)\nos.write(1, b'last\\n')\nos._exit(0)"), Map.of(), null, out);

            assertThat(awaitExit(child)).isEqualTo(new ExitStatus(0, null));
            assertThat(out.stdout()).as("run %d", i).containsExactly("last");
        }
    }

    @Test
    void aListenerSlowerThanTheDrainGraceStillGetsEveryLineBeforeTheExit() throws Exception {
        List<String> lines = new ArrayList<>();
        OutputListener slow = (stderr, line) -> {
            try {
                Thread.sleep(2); // 300 lines take ~600 ms to deliver, three times the drain grace
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (lines) {
                lines.add(line);
            }
        };
        ChildProcess child = launch(List.of(PYTHON, "-c", "for i in range(300): print(i)"), Map.of(), null, slow);

        awaitExit(child);
        synchronized (lines) {
            assertThat(lines).hasSize(300).endsWith("299");
        }
    }

    @Test
    void runsInTheGivenDirectoryWithTheAddedEnvironment(@TempDir Path dir) throws Exception {
        ChildProcess child = launch(List.of(PYTHON, "-c",
                "import os; print(os.getcwd()); print(os.environ['SIDEEYE_TEST']); print('PATH' in os.environ)"),
                Map.of("SIDEEYE_TEST", "value with spaces; $HOME"), dir, output);

        awaitExit(child);
        assertThat(output.stdout()).containsExactly(dir.toRealPath().toString(), "value with spaces; $HOME", "True");
    }

    @Test
    void passesArgumentsVerbatimWithoutAShell() throws Exception {
        ChildProcess child = launch(List.of(PYTHON, "-c", "import sys; print(sys.argv[1:])", "$HOME", "a b", "*", "`x`"),
                Map.of(), null, output);

        awaitExit(child);
        assertThat(output.stdout()).containsExactly("['$HOME', 'a b', '*', '`x`']");
    }

    @Test
    void keepsStandardInputOpen() throws Exception {
        // select() reports stdin readable at once if it were closed (end-of-file) or written to.
        ChildProcess child = python("import select, sys\n"
                + "readable, _, _ = select.select([sys.stdin], [], [], 0.3)\n"
                + "print('stdin readable' if readable else 'stdin open and silent')");

        awaitExit(child);
        assertThat(output.stdout()).containsExactly("stdin open and silent");
    }

    @Test
    void namesAProgramThatCannotBeStarted(@TempDir Path dir) {
        assertThatThrownBy(() -> launch(List.of("/nonexistent/bin/python9"), Map.of(), dir, output))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("'/nonexistent/bin/python9'")
                .hasMessageContaining("No such file or directory")
                .hasMessageContaining("check that the program exists");
    }

    @Test
    void namesABareProgramNameNotFoundOnThePath(@TempDir Path dir) {
        assertThatThrownBy(() -> launch(List.of("sideeye-no-such-program", "--flag"), Map.of(), dir, output))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("'sideeye-no-such-program'")
                .hasMessageContaining("No such file or directory")
                .hasMessageNotContaining("setsid");
    }

    @Test
    void startsTheChildInASessionAndProcessGroupOfItsOwnUnderTheLaunchedPid() throws Exception {
        assertThat(OwnSession.available()).as("setsid at /usr/bin or /bin").isTrue();
        ChildProcess child = launch(TestServerScript.command("--spawn-child"), Map.of(), null, output);
        long grandchildPid = output.awaitStdout(TestServerScript::childPid, -1L);
        output.awaitStdout(TestServerScript::listeningPort, -1);
        strays.add(grandchildPid);

        ProcStat server = ProcStat.of(child.pid());
        ProcStat jvm = ProcStat.self();
        assertThat(server.command()).startsWith("python3");
        assertThat(server.ppid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(server.pgid()).isEqualTo(child.pid()).isNotEqualTo(jvm.pgid());
        assertThat(server.session()).isEqualTo(child.pid()).isNotEqualTo(jvm.session());
        ProcStat grandchild = ProcStat.of(grandchildPid);
        assertThat(grandchild.ppid()).as("the server's own child").isEqualTo(child.pid());
        assertThat(grandchild.session()).isEqualTo(child.pid());
        child.captureTree();
        assertThat(((SystemChildProcess) child).knownPids()).containsExactlyInAnyOrder(child.pid(), grandchildPid);
    }

    @Test
    void aProgramGivenByARelativePathRunsInTheWorkingDirectoryInItsOwnSession(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("session.py");
        Files.writeString(script, "#!" + PYTHON + "\nimport os, sys\nprint(sys.argv[0], os.getpid(), os.getsid(0))\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));

        ChildProcess child = launch(List.of("./session.py"), Map.of(), dir, output);

        assertThat(awaitExit(child)).isEqualTo(new ExitStatus(0, null));
        assertThat(output.stdout()).containsExactly("./session.py " + child.pid() + " " + child.pid());
    }

    @Test
    void namesAMissingWorkingDirectory(@TempDir Path dir) {
        Path missing = dir.resolve("gone");
        assertThatThrownBy(() -> launch(List.of(PYTHON, "-c", "pass"), Map.of(), missing, output))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void terminateEndsTheProcessWithSigterm() throws Exception {
        ChildProcess child = launch(TestServerScript.command(), Map.of(), null, output);
        output.awaitStdout(TestServerScript::listeningPort, -1);

        child.terminate();

        assertThat(awaitExit(child)).isEqualTo(new ExitStatus(143, "SIGTERM"));
    }

    @Test
    void terminateEndsTheWholeTreeIncludingTheGrandchild() throws Exception {
        ChildProcess child = launch(TestServerScript.command("--spawn-child", "--no-stdin-watch"), Map.of(), null,
                output);
        long grandchildPid = output.awaitStdout(TestServerScript::childPid, -1L);
        output.awaitStdout(TestServerScript::listeningPort, -1);
        strays.add(grandchildPid);
        ProcessHandle grandchild = ProcessHandle.of(grandchildPid).orElseThrow();

        child.terminate();
        awaitExit(child);

        assertThat(ProcessTree.isRunning(grandchild)).as("grandchild %d still running", grandchildPid).isFalse();
        assertThat(ProcessHandle.of(child.pid()).filter(ProcessTree::isRunning)).isEmpty();
    }

    @Test
    void aTreeIgnoringSigtermSurvivesTerminateAndEndsOnKill() throws Exception {
        ChildProcess child = launch(TestServerScript.command("--spawn-child", "--ignore-sigterm", "--no-stdin-watch"),
                Map.of(), null, output);
        long grandchildPid = output.awaitStdout(TestServerScript::childPid, -1L);
        int port = output.awaitStdout(TestServerScript::listeningPort, -1);
        strays.add(grandchildPid);
        ProcessHandle grandchild = ProcessHandle.of(grandchildPid).orElseThrow();

        child.terminate();
        // SIGTERM is discarded on arrival; the server keeps answering afterwards.
        assertThat(TestServerScript.request(port, "GET", "/api/health/").status()).isEqualTo(200);
        assertThat(child.isAlive()).isTrue();
        assertThat(ProcessTree.isRunning(grandchild)).isTrue();
        assertThat(child.onExit()).isNotDone();

        child.kill();

        assertThat(awaitExit(child)).isEqualTo(new ExitStatus(137, "SIGKILL"));
        assertThat(ProcessTree.isRunning(grandchild)).isFalse();
    }

    @Test
    void whenTheProcessEndsByItselfTheDescendantsItLeftAreEnded() throws Exception {
        ChildProcess child = launch(TestServerScript.command("--spawn-child", "--no-stdin-watch"), Map.of(), null,
                output);
        long grandchildPid = output.awaitStdout(TestServerScript::childPid, -1L);
        int port = output.awaitStdout(TestServerScript::listeningPort, -1);
        strays.add(grandchildPid);
        ProcessHandle grandchild = ProcessHandle.of(grandchildPid).orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> ((SystemChildProcess) child).knownPids().contains(grandchildPid));

        TestServerScript.request(port, "POST", "/control/crash?code=3");

        assertThat(awaitExit(child)).isEqualTo(new ExitStatus(3, null));
        assertThat(ProcessTree.isRunning(grandchild)).as("orphaned grandchild %d", grandchildPid).isFalse();
    }

    /**
     * Python that starts a grandchild (sleeping, its output discarded) through an intermediate
     * process that ends at once, so the grandchild is re-parented before any refresh can see it
     * below the root; prints {@code grandchild PID}, then runs {@code rest}.
     */
    private static String orphaningGrandchild(String rest) {
        return "import subprocess, sys, time\n"
                + "spawn = \"import subprocess, sys; g = subprocess.Popen([sys.executable, '-c', 'import time; "
                + "time.sleep(120)'], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, "
                + "stderr=subprocess.DEVNULL); print(g.pid)\"\n"
                + "pid = subprocess.run([sys.executable, '-c', spawn], stdin=subprocess.DEVNULL, "
                + "capture_output=True, text=True, check=True).stdout.strip()\n"
                + "print('grandchild', pid, flush=True)\n"
                + rest;
    }

    private long awaitOrphanedGrandchild(ChildProcess child) {
        long pid = output.awaitStdout(l -> l.startsWith("grandchild ") ? Long.parseLong(l.substring(11)) : -1L, -1L);
        strays.add(pid);
        ProcessHandle grandchild = ProcessHandle.of(pid).orElseThrow();
        assertThat(grandchild.parent().map(ProcessHandle::pid)).as("re-parented").isNotEqualTo(Optional.of(child.pid()));
        return pid;
    }

    @Test
    void terminateEndsADescendantOfTheSessionThatWasReParentedBeforeAnyRefresh() throws Exception {
        assertThat(OwnSession.available() && SessionMembers.AVAILABLE).as("setsid and /proc").isTrue();
        ChildProcess child = python(orphaningGrandchild("time.sleep(120)"));
        ProcessHandle grandchild = ProcessHandle.of(awaitOrphanedGrandchild(child)).orElseThrow();
        assertThat(((SystemChildProcess) child).knownPids()).doesNotContain(grandchild.pid());

        child.terminate();

        assertThat(awaitExit(child)).isEqualTo(new ExitStatus(143, "SIGTERM"));
        assertThat(ProcessTree.isRunning(grandchild)).as("grandchild %d", grandchild.pid()).isFalse();
    }

    @Test
    void whenTheProcessEndsByItselfADescendantReParentedBeforeAnyRefreshIsEnded(@TempDir Path dir) throws Exception {
        assertThat(OwnSession.available() && SessionMembers.AVAILABLE).as("setsid and /proc").isTrue();
        Path go = dir.resolve("go");
        ChildProcess child = python(orphaningGrandchild("import os\n"
                + "while not os.path.exists(sys.argv[1]):\n    time.sleep(0.02)\nsys.exit(4)"), go.toString());
        ProcessHandle grandchild = ProcessHandle.of(awaitOrphanedGrandchild(child)).orElseThrow();

        Files.writeString(go, "exit");

        assertThat(awaitExit(child)).isEqualTo(new ExitStatus(4, null));
        assertThat(ProcessTree.isRunning(grandchild)).as("grandchild %d", grandchild.pid()).isFalse();
    }

    @Test
    void reportsTheExitEvenWhileAnUntrackedGrandchildHoldsThePipes() throws Exception {
        // The grandchild inherits stdout and stderr and outlives its parent, so the pipes stay open.
        ChildProcess child = python("import subprocess, sys\n"
                + "g = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(120)'], stdin=subprocess.DEVNULL)\n"
                + "print('grandchild', g.pid, flush=True)");
        long grandchildPid = output.awaitStdout(l -> l.startsWith("grandchild ") ? Long.parseLong(l.substring(11)) : -1L,
                -1L);
        strays.add(grandchildPid);

        assertThat(awaitExit(child)).isEqualTo(new ExitStatus(0, null));
    }

    @Test
    void drainsA50MegabyteFloodWithNoListener() throws Exception {
        ChildProcess child = launch(List.of(PYTHON, "-c", flood(50 * 1024 * 1024)), Map.of(), null, null);

        assertThat(awaitExit(child)).isEqualTo(new ExitStatus(0, null));
    }

    @Test
    void deliversEveryLineOfAFloodOnBothStreams() throws Exception {
        AtomicLong outLines = new AtomicLong();
        AtomicLong outChars = new AtomicLong();
        AtomicLong errLines = new AtomicLong();
        OutputListener counter = (stderr, line) -> {
            if (stderr) {
                errLines.incrementAndGet();
            } else {
                outLines.incrementAndGet();
                outChars.addAndGet(line.length() + 1);
            }
        };
        String code = "import sys\nline = 'x' * 99 + '\\n'\n"
                + "for i in range(100000):\n    sys.stdout.write(line)\n    sys.stderr.write(line)\n";
        ChildProcess child = launch(List.of(PYTHON, "-c", code), Map.of(), null, counter);

        awaitExit(child);
        assertThat(outLines).hasValue(100_000);
        assertThat(outChars).hasValue(100_000L * 100);
        assertThat(errLines).hasValue(100_000);
    }

    @Test
    void aThrowingListenerDoesNotStopTheDraining() throws Exception {
        List<String> seen = new ArrayList<>();
        OutputListener flaky = (stderr, line) -> {
            synchronized (seen) {
                seen.add(line);
            }
            throw new IllegalStateException("listener bug");
        };
        ChildProcess child = launch(List.of(PYTHON, "-c", "for i in range(3): print(i)"), Map.of(), null, flaky);

        assertThat(awaitExit(child).code()).isZero();
        assertThat(seen).containsExactly("0", "1", "2");
    }

    @Test
    void aHugeLineWithoutNewlineArrivesInCappedPieces(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("long.py"),
                "import sys\nsys.stdout.write('z' * (3 * 65536 + 5))\n");
        ChildProcess child = launch(List.of(PYTHON, script.toString()), Map.of(), dir, output);

        awaitExit(child);
        assertThat(output.stdout()).hasSize(4);
        assertThat(output.stdout().subList(0, 3)).allSatisfy(l -> assertThat(l).hasSize(LineSplitter.MAX_LINE_BYTES));
        assertThat(output.stdout().get(3)).isEqualTo("zzzzz");
    }

    private static String flood(int bytes) {
        return "import sys\nout = sys.stdout.buffer\nchunk = (b'x' * 1023 + b'\\n') * 64\n"
                + "for _ in range(" + bytes / (1024 * 64) + "):\n    out.write(chunk)\nout.flush()\n";
    }

    @Test
    void finishedChildrenLeaveNoThreadsOrFileDescriptorsBehind() throws Exception {
        python("pass").onExit().get(20, TimeUnit.SECONDS); // warm up lazily created JVM machinery
        await().atMost(Duration.ofSeconds(10)).until(() -> pumpThreads() == 0);
        long fdsBefore = openFileDescriptors();

        for (int i = 0; i < 30; i++) {
            awaitExit(python("print('hello')"));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> pumpThreads() == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> openFileDescriptors() <= fdsBefore);
        await().atMost(Duration.ofSeconds(10)).until(() -> OrphanGuard.JVM.live().isEmpty());
    }

    private static long pumpThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("sideeye-stdout-") || t.getName().startsWith("sideeye-stderr-"))
                .count();
    }

    private static long openFileDescriptors() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
