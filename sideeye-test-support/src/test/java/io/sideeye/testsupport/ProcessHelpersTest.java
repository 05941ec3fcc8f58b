package io.sideeye.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Liveness, ProcStat, ProcessTable, Signals, Ports and OutputLines against real processes and sockets. */
class ProcessHelpersTest {
    private final String marker = "test-support-" + UUID.randomUUID();
    private Process child;

    @AfterEach
    void killChild() throws InterruptedException {
        if (child != null) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** A Python child that prints two lines and then sleeps; {@link #marker} is on its command line. */
    private Process start() throws Exception {
        child = new ProcessBuilder(StdlibTestServer.PYTHON, "-c",
                "import sys, time; print('hello'); print('port 4711', flush=True); time.sleep(60)", marker)
                .redirectErrorStream(true).start();
        return child;
    }

    @Test
    void aRunningChildIsFoundRunningAndByItsMarkerUntilKilled() throws Exception {
        long pid = start().pid();

        assertThat(Liveness.running(pid)).isTrue();
        ProcStat stat = ProcStat.of(pid);
        assertThat(stat.command()).startsWith("python3");
        assertThat(stat.ppid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(ProcStat.self().command()).isEqualTo("java");
        assertThat(stat.state()).isIn('R', 'S');
        assertThat(ProcessTable.mentioning("no such marker", marker)).extracting(ProcessHandle::pid).containsExactly(pid);

        Signals.send(pid, "KILL");
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(137);
        assertThat(Liveness.running(pid)).isFalse();
        assertThat(ProcessTable.mentioning(marker)).isEmpty();
    }

    @Test
    void signallingAProcessThatIsGoneFailsOrSaysSo() throws Exception {
        long pid = start().pid();
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        assertThat(Signals.trySend(pid, "TERM")).isFalse();
        assertThatThrownBy(() -> Signals.send(pid, "TERM")).isInstanceOf(AssertionError.class)
                .hasMessage("kill -TERM " + pid + " failed with 1");
    }

    @Test
    void outputLinesArriveAsPrinted() throws Exception {
        OutputLines output = OutputLines.read(start().getInputStream(), "test-output");

        await().atMost(Duration.ofSeconds(20)).until(() -> output.find(Pattern.compile("port (\\d+)")).isPresent());
        assertThat(output.find(Pattern.compile("port (\\d+)")).orElseThrow().group(1)).isEqualTo("4711");
        assertThat(output.contains("hell")).isTrue();
        assertThat(output.lines()).containsExactly("hello", "port 4711");
        assertThat(output.text()).isEqualTo("hello\nport 4711");
    }

    @Test
    void aPortIsFreeOnlyWhileNothingListensOnIt() throws Exception {
        int port;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = server.getLocalPort();
            assertThat(Ports.isFree(port)).isFalse();
        }
        assertThat(Ports.isFree(port)).isTrue();
    }
}
