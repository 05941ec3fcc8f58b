package io.sideeye.cli.it;

import static io.sideeye.cli.it.CliProcess.END;
import static io.sideeye.cli.it.CliProcess.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sideeye.cli.ExitCodes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sideeye run} under a {@code Type=notify} unit, without systemd as PID 1: a Python
 * process binds a unix datagram socket, as systemd does, and records every notification that
 * arrives on it ({@code NOTIFY_SOCKET}).
 */
class SystemdNotifyIT {
    private static final Path RECORDER = Path.of("src/test/resources/systemd/notify_socket.py").toAbsolutePath();

    @TempDir
    Path dir;
    @TempDir
    Path home;
    private Process socket;
    private Path received;

    @BeforeEach
    void bindTheNotifySocket() throws IOException {
        received = dir.resolve("received.txt");
        Files.createFile(received);
        socket = new ProcessBuilder(Backends.SYSTEM_PYTHON, RECORDER.toString(), dir.resolve("notify.sock").toString(),
                received.toString()).redirectErrorStream(true).start();
        String first = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertThat(first).as("the recorder binds its socket").isEqualTo("listening");
    }

    @AfterEach
    void closeTheSocket() throws Exception {
        socket.getOutputStream().close();
        socket.destroy();
        socket.waitFor();
    }

    private List<String> messages() throws IOException {
        return Files.readAllLines(received);
    }

    @Test
    void readyOnceHealthyWatchdogPingsAndStoppingAtShutdown() throws Exception {
        // the backend listens only after 1.5 s: READY=1 must wait for its health, not for its start
        Backends.testServerConfig(dir, "", "--startup-delay-ms", "1500");
        Map<String, String> env = Map.of("NOTIFY_SOCKET", dir.resolve("notify.sock").toString(),
                "WATCHDOG_USEC", "400000");
        try (CliProcess run = CliProcess.start(dir, home, env, "run")) {
            run.awaitLine("starting", START);
            await().atMost(END).until(() -> count("WATCHDOG=1") >= 2);
            assertThat(messages()).as("no READY=1 before the backend is healthy").noneMatch(m -> m.contains("READY=1"));

            run.awaitStarted(START);
            await().atMost(END).until(() -> count("READY=1") > 0);
            String ready = messages().stream().filter(m -> m.contains("READY=1")).findFirst().orElseThrow();
            assertThat(ready.split("\\|")).contains("MAINPID=" + run.pid(), "STATUS=backend healthy");
            long pings = count("WATCHDOG=1");
            await().atMost(END).until(() -> count("WATCHDOG=1") >= pings + 3);

            run.signal("TERM");
            assertThat(run.awaitExit(END)).isEqualTo(ExitCodes.OK);
            List<String> all = messages();
            int stopping = indexOf(all, "STOPPING=1");
            assertThat(stopping).as("STOPPING=1 sent: %s", all).isGreaterThan(indexOf(all, "READY=1"));
            assertThat(all.subList(stopping, all.size())).as("no ping after STOPPING=1")
                    .noneMatch(m -> m.contains("WATCHDOG=1"));
            assertThat(run.stdout() + run.stderr()).doesNotContain("cannot notify systemd");
        }
    }

    @Test
    void aWatchdogMeantForAnotherProcessIsLeftAlone() throws Exception {
        Backends.testServerConfig(dir, "");
        Map<String, String> env = Map.of("NOTIFY_SOCKET", dir.resolve("notify.sock").toString(),
                "WATCHDOG_USEC", "200000", "WATCHDOG_PID", "1");
        try (CliProcess run = CliProcess.start(dir, home, env, "run")) {
            run.awaitStarted(START);
            await().atMost(END).until(() -> count("READY=1") > 0);
            run.signal("TERM");
            assertThat(run.awaitExit(END)).isEqualTo(ExitCodes.OK);
            assertThat(count("STOPPING=1")).isEqualTo(1);
            assertThat(count("WATCHDOG=1")).isZero();
        }
    }

    @Test
    void anUnreachableSocketIsReportedOnceAndTheRunGoesOn() throws Exception {
        Backends.testServerConfig(dir, "");
        Map<String, String> env = Map.of("NOTIFY_SOCKET", dir.resolve("nobody-here.sock").toString());
        try (CliProcess run = CliProcess.start(dir, home, env, "run")) {
            run.awaitStarted(START);
            run.signal("TERM");
            assertThat(run.awaitExit(END)).isEqualTo(ExitCodes.OK);
            assertThat(run.stderr().split("\n")).filteredOn(l -> l.contains("cannot notify systemd")).hasSize(1);
        }
    }

    /** How many notifications carried {@code assignment}. */
    private long count(String assignment) throws IOException {
        return messages().stream().filter(m -> List.of(m.split("\\|")).contains(assignment)).count();
    }

    private static int indexOf(List<String> messages, String assignment) {
        for (int i = 0; i < messages.size(); i++) {
            if (List.of(messages.get(i).split("\\|")).contains(assignment)) {
                return i;
            }
        }
        return -1;
    }
}
