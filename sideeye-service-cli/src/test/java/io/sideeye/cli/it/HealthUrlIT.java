package io.sideeye.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.sideeye.cli.Cli;
import io.sideeye.cli.ExitCodes;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sideeye health --url}, as the exported systemd units run it: against a real HTTP server
 * on a free loopback port, with a stand-in {@code systemctl} that records how it was called.
 */
class HealthUrlIT {
    private static final String HEALTHY = "{\"status\":\"healthy\"}";

    @TempDir
    Path dir;

    private HttpServer server;
    private String url;
    /** The answers to give, in order; when empty, {@link #otherwise}. */
    private final ConcurrentLinkedQueue<Integer> next = new ConcurrentLinkedQueue<>();
    private volatile int otherwise = 200;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/api/health/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            Integer status = next.poll();
            int code = status == null ? otherwise : status;
            byte[] body = (code == 200 ? HEALTHY : "{\"status\":\"unhealthy\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(code, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/api/health/";
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private Cli cli() {
        return new Cli(dir);
    }

    /** A systemctl that appends its arguments to {@code calls} and exits with {@code exitCode}. */
    private Cli withSystemctl(int exitCode) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path systemctl = bin.resolve("systemctl");
        Files.writeString(systemctl, "#!/bin/sh\necho \"$@\" >> '" + dir.resolve("calls") + "'\n"
                + (exitCode == 0 ? "" : "echo 'Failed to restart unit: Access denied' >&2\n") + "exit " + exitCode + "\n");
        Files.setPosixFilePermissions(systemctl, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new Cli(dir).env("PATH", bin + ":/usr/bin:/bin");
    }

    private List<String> systemctlCalls() throws IOException {
        Path calls = dir.resolve("calls");
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    private String count() throws IOException {
        return Files.readString(dir.resolve("state/web.unhealthy")).trim();
    }

    @Test
    void aHealthyAnswerExitsZero() {
        Cli.Result r = cli().run("health", "--url", url);

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).startsWith("✔ healthy " + url + " (HTTP 200, ");
    }

    @Test
    void anUnhealthyAnswerExitsOneWithTheReason() {
        otherwise = 503;
        Cli.Result r = cli().run("health", "--url", url);

        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out()).startsWith("✘ unhealthy " + url + ": ").contains("503");
    }

    @Test
    void theTokenFromTheEnvironmentIsSentAndNeverShown() {
        otherwise = 503;
        Cli.Result r = cli().env("SIDEEYE_API_TOKEN", "tok-6f1e2d").run("health", "--url", url, "--json");

        assertThat(authorizations).containsExactly("Bearer tok-6f1e2d");
        assertThat(r.out() + r.err()).doesNotContain("tok-6f1e2d");
        assertThat(r.out()).contains("\"healthy\":false", "\"url\":\"" + url + "\"");
    }

    @Test
    void consecutiveFailuresAreCountedAndTheThresholdRestartsTheUnitOnce() throws IOException {
        otherwise = 503;
        Cli cli = withSystemctl(0);
        String[] check = {"health", "--url", url, "--threshold", "3", "--state-file", "state/web.unhealthy",
                "--restart-unit", "sideeye-web.service"};

        assertThat(cli.run(check).out()).contains("(1 of 3 consecutive failed checks)");
        assertThat(count()).isEqualTo("1");
        assertThat(cli.run(check).out()).contains("(2 of 3 consecutive failed checks)");
        assertThat(systemctlCalls()).isEmpty();
        Cli.Result third = cli.run(check);

        assertThat(third.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(third.out()).contains("(3 of 3 consecutive failed checks); restarting sideeye-web.service");
        assertThat(systemctlCalls()).containsExactly("--no-ask-password restart --no-block sideeye-web.service");
        assertThat(count()).isEqualTo("0"); // the restarted service starts a new count
        assertThat(Files.getPosixFilePermissions(dir.resolve("state")))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void aHealthyCheckResetsTheCount() throws IOException {
        Cli cli = withSystemctl(0);
        String[] check = {"health", "--url", url, "--threshold", "2", "--state-file", "state/web.unhealthy",
                "--restart-unit", "sideeye-web.service"};
        next.add(503);
        assertThat(cli.run(check).code()).isEqualTo(ExitCodes.FAILED);
        assertThat(cli.run(check).code()).isEqualTo(ExitCodes.OK);
        next.add(503);

        assertThat(cli.run(check).out()).contains("(1 of 2 consecutive failed checks)");
        assertThat(systemctlCalls()).isEmpty();
    }

    @Test
    void aRestartThatFailsIsReportedAndTheCountKept() throws IOException {
        otherwise = 503;
        Cli.Result r = withSystemctl(1).run("health", "--url", url, "--state-file", "state/web.unhealthy",
                "--restart-unit", "sideeye-web.service");

        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out()).contains("systemctl restart sideeye-web.service failed (exit code 1):"
                + " Failed to restart unit: Access denied");
        assertThat(count()).isEqualTo("1");
    }

    @Test
    void withoutSystemctlTheRestartIsReportedAsImpossible() throws IOException {
        otherwise = 503;
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Cli.Result r = cli().env("PATH", empty.toString()).run("health", "--url", url, "--restart-unit",
                "sideeye-web.service");

        assertThat(r.out()).contains("systemctl is not on PATH, so sideeye-web.service could not be restarted");
    }

    @Test
    void waitChecksUntilHealthy() {
        next.add(503);
        next.add(503);
        Cli.Result r = cli().run("health", "--url", url, "--wait", "1m");

        assertThat(r.code()).as(r.out()).isEqualTo(ExitCodes.OK);
        assertThat(authorizations).hasSize(3);
    }

    @Test
    void waitGivesUpAfterItsDuration() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = socket.getLocalPort();
        }
        String nothing = "http://127.0.0.1:" + closed + "/api/health/";
        Cli.Result r = cli().run("health", "--url", nothing, "--wait", "300ms", "--timeout", "1s");

        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out()).startsWith("✘ not healthy within 300ms " + nothing + ": ").contains("connection refused");
    }

    @Test
    void badUsageSaysWhatToGive() {
        assertThat(cli().run("health", "--threshold", "3").err())
                .contains("--wait, --threshold, --state-file and --restart-unit go with --url");
        Cli.Result threshold = cli().run("health", "--url", url, "--threshold", "3");
        assertThat(threshold.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(threshold.err()).contains("--threshold 3 counts failed checks across runs, so it needs --state-file");
        assertThat(cli().run("health", "--url", url, "--restart-unit", "web service").err())
                .contains("--restart-unit: 'web service' is not a systemd unit name");
        assertThat(cli().run("health", "--url", "ftp://127.0.0.1/x").err())
                .contains("--url: 'ftp://127.0.0.1/x' is not an http or https URL with a host");
        assertThat(cli().run("health", "--url", url, "--timeout", "0").err())
                .contains("--timeout: must be more than 0");
        assertThat(cli().run("health", "--url", url, "--wait", "soon").code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(cli().run("health", "worker", "--url", url).err())
                .contains("--url checks the backend at that URL; leave out the service name 'worker'");
        assertThat(authorizations).isEmpty();
    }
}
