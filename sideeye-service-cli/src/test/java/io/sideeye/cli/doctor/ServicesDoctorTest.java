package io.sideeye.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sideeye.cli.Cli;
import io.sideeye.cli.ExitCodes;
import io.sideeye.service.ServiceJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sideeye doctor} with {@code services:}: every service is checked under its name, and
 * an external one is asked for its health, with its token, at a real local HTTP server.
 */
class ServicesDoctorTest {
    private static final String TOKEN = "doctor-token-123";

    @TempDir
    Path dir;
    private HttpServer external;

    @BeforeEach
    void startExternalService() throws IOException {
        external = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        external.createContext("/api/health/", this::health);
        external.start();
    }

    @AfterEach
    void stopExternalService() {
        external.stop(0);
    }

    private void health(HttpExchange ex) throws IOException {
        boolean authorized = ("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"));
        byte[] body = (authorized ? "{\"status\":\"healthy\"}" : "{\"detail\":\"no\"}").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(authorized ? 200 : 401, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private void writeConfig() throws IOException {
        Files.writeString(dir.resolve("sideeye.yaml"), """
                services:
                  web:
                    command: [/bin/true, "{port}"]
                  worker:
                    command: [/bin/true]
                    health: process
                    after: [web]
                  api:
                    external: http://127.0.0.1:%d
                    tokenEnv: API_TOKEN
                """.formatted(external.getAddress().getPort()));
    }

    @Test
    void everyServiceIsCheckedUnderItsNameAndTheExternalOneAnswersWithItsToken() throws IOException {
        writeConfig();
        Cli.Result r = new Cli(dir).env("API_TOKEN", TOKEN).run("doctor", "--no-color");
        assertThat(r.code()).as(r.out()).isEqualTo(ExitCodes.OK);
        String url = "http://127.0.0.1:" + external.getAddress().getPort();
        assertThat(r.out()).contains("✔ Configuration " + dir.resolve("sideeye.yaml") + "; services web, worker, api"
                        + " (default web)", "service web\n", "service worker\n", "service api\n",
                "– Health path   skipped: health: process (alive is healthy; no health endpoint is asked)",
                "– Python        skipped: external service at " + url + ": nothing is run here",
                "✔ Reachable     " + url + "/api/health/ answers healthy (HTTP 200, ", "with the configured token",
                "All checks passed.").doesNotContain(TOKEN);
    }

    @Test
    void aRefusedTokenFailsWithARemedyAndJsonNamesTheService() throws IOException {
        writeConfig();
        Cli.Result r = new Cli(dir).env("API_TOKEN", "wrong-token").run("doctor", "--json");
        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        List<JsonNode> checks = r.out().lines().map(ServicesDoctorTest::json).toList();
        JsonNode reachable = checks.stream().filter(c -> c.path("check").asText().equals("Reachable")).findFirst()
                .orElseThrow();
        assertThat(reachable.path("service").asText()).isEqualTo("api");
        assertThat(reachable.path("status").asText()).isEqualTo("fail");
        assertThat(reachable.path("detail").asText()).contains("is not healthy", "HTTP 401");
        assertThat(reachable.path("remedy").asText()).contains("refused the token", "tokenEnv");
        assertThat(checks).extracting(c -> c.path("service").asText()).contains("web", "worker", "api");
        assertThat(r.out()).doesNotContain("wrong-token");
    }

    private static JsonNode json(String line) {
        try {
            return ServiceJson.reader().readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
