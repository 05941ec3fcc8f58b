package io.sideeye.service.testsupport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sideeye.service.process.ChildProcess;
import io.sideeye.service.process.ExitStatus;
import io.sideeye.service.process.LaunchSpec;
import io.sideeye.service.process.SystemProcessLauncher;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The test server does what its documentation promises; other tests rely on it. */
class PythonTestServerIT {
    private static final String TOKEN = "test-token";

    private final RecordingOutput output = new RecordingOutput();
    private ChildProcess server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.kill();
        }
    }

    private int start(Map<String, String> env, String... flags) throws IOException {
        server = new SystemProcessLauncher().launch(new LaunchSpec(TestServerScript.command(flags), null, env, output));
        return output.awaitStdout(TestServerScript::listeningPort, -1);
    }

    private ExitStatus exit() throws Exception {
        return server.onExit().get(20, TimeUnit.SECONDS);
    }

    @Test
    void servesTheHealthContractWithItsInstanceId() throws Exception {
        int port = start(Map.of("SIDEEYE_INSTANCE_ID", "inst-42"));

        TestServerScript.Reply reply = TestServerScript.request(port, "GET", "/api/health/");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("\"status\": \"healthy\"", "\"instance\": \"inst-42\"", "\"timestamp\"");
    }

    @Test
    void healthModesChangeTheAnswer() throws Exception {
        int port = start(Map.of("SIDEEYE_INSTANCE_ID", "inst-1"));

        TestServerScript.request(port, "POST", "/control/health?mode=500");
        assertThat(TestServerScript.request(port, "GET", "/api/health/").status()).isEqualTo(500);

        TestServerScript.request(port, "POST", "/control/health?mode=malformed");
        assertThat(TestServerScript.request(port, "GET", "/api/health/").body()).isEqualTo("{\"status\": \"heal");

        TestServerScript.request(port, "POST", "/control/health?mode=wrong-instance");
        assertThat(TestServerScript.request(port, "GET", "/api/health/").body()).contains("\"someone-else\"");

        TestServerScript.request(port, "POST", "/control/health?mode=ok");
        assertThat(TestServerScript.request(port, "GET", "/api/health/").body()).contains("\"inst-1\"");

        assertThat(TestServerScript.request(port, "POST", "/control/health?mode=bogus").status()).isEqualTo(400);
    }

    @Test
    void protectsEverythingButHealthWithTheBearerToken() throws Exception {
        int port = start(Map.of("SIDEEYE_API_TOKEN", TOKEN));

        assertThat(TestServerScript.request(port, "GET", "/api/health/").status()).isEqualTo(200);
        assertThat(TestServerScript.request(port, "GET", "/api/echo/x").status()).isEqualTo(401);
        assertThat(TestServerScript.request(port, "POST", "/control/crash").status()).isEqualTo(401);
        assertThat(server.isAlive()).isTrue();

        TestServerScript.Reply echo = TestServerScript.request(port, "PUT", "/api/echo/notes/1?x=1",
                Map.of("Authorization", "Bearer " + TOKEN, "Content-Type", "application/json"), "{\"a\":1}");
        assertThat(echo.status()).isEqualTo(200);
        assertThat(echo.body()).contains("\"method\": \"PUT\"", "\"path\": \"/api/echo/notes/1\"", "\"query\": \"x=1\"",
                "\"body\": \"{\\\"a\\\":1}\"", "\"Content-Type\": \"application/json\"");
    }

    @Test
    void bigAnswersHaveTheRequestedSize() throws Exception {
        int port = start(Map.of());

        assertThat(TestServerScript.request(port, "GET", "/api/big?bytes=100000").body()).hasSize(100_000);
    }

    @Test
    void crashesWithTheRequestedCode() throws Exception {
        int port = start(Map.of());

        TestServerScript.request(port, "POST", "/control/crash?code=7");

        assertThat(exit()).isEqualTo(new ExitStatus(7, null));
    }

    @Test
    void hangingKeepsThePortButNeverAnswers() throws Exception {
        int port = start(Map.of());

        TestServerScript.request(port, "POST", "/control/hang");

        try (Socket socket = new Socket("127.0.0.1", port)) { // the port still accepts connections
            socket.getOutputStream().write("GET /api/health/ HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(UTF_8));
            socket.setSoTimeout(500);
            assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
        }
        assertThat(server.isAlive()).isTrue();
    }

    @Test
    void closingThePortKeepsTheProcessAlive() throws Exception {
        int port = start(Map.of());

        TestServerScript.request(port, "POST", "/control/close-port");

        await().ignoreExceptions().untilAsserted(() ->
                assertThatThrownBy(() -> TestServerScript.request(port, "GET", "/api/health/"))
                        .hasRootCauseMessage("Connection refused"));
        assertThat(server.isAlive()).isTrue();
    }

    @Test
    void floodsStdoutOnRequestAndAtStartup() throws Exception {
        int port = start(Map.of(), "--flood-bytes", "1000");
        // The startup flood precedes the LISTENING line on the same stream, so it has arrived.
        assertThat(output.stdout()).filteredOn(l -> l.startsWith("flood ")).hasSize(10);

        TestServerScript.request(port, "POST", "/control/flood?bytes=250");

        // Written before the answer, but read by the pump on its own schedule.
        await().untilAsserted(() -> assertThat(output.stdout()).filteredOn(l -> l.startsWith("flood ")).hasSize(13));
    }

    @Test
    void failsAtStartWithTheMessageOnStderr() throws Exception {
        server = new SystemProcessLauncher().launch(new LaunchSpec(
                TestServerScript.command("--fail-at-start", "ModuleNotFoundError: No module named 'django'",
                        "--fail-exit-code", "4"), null, Map.of(), output));

        assertThat(exit()).isEqualTo(new ExitStatus(4, null));
        assertThat(output.stderr()).containsExactly("ModuleNotFoundError: No module named 'django'");
        assertThat(output.stdout()).isEmpty();
    }

    @Test
    void aDelayedStartStillListensAfterwards() throws Exception {
        int port = start(Map.of(), "--startup-delay-ms", "300");

        assertThat(TestServerScript.request(port, "GET", "/api/health/").status()).isEqualTo(200);
    }

    @Test
    void exitsWhenStandardInputEnds() throws Exception {
        // The launcher keeps stdin open; here a plain ProcessBuilder closes it on purpose.
        Process process = new ProcessBuilder(TestServerScript.command()).redirectErrorStream(true).start();
        try {
            String first = new String(process.getInputStream().readNBytes(10), UTF_8);
            assertThat(first).isEqualTo("LISTENING ");
            process.getOutputStream().close();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void listensOnIpv6Loopback() throws Exception {
        server = new SystemProcessLauncher().launch(new LaunchSpec(
                List.of(TestServerScript.PYTHON, TestServerScript.script().toString(), "--host", "::1", "--port", "0"),
                null, Map.of(), output));

        assertThat(output.awaitStdout(l -> l.startsWith("LISTENING ::1 "), false)).isTrue();
    }
}
