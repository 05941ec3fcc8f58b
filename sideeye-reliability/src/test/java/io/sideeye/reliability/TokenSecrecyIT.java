package io.sideeye.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sideeye.control.ControlServer;
import io.sideeye.service.ApiResponse;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.LogLine;
import io.sideeye.service.ServiceEvent;
import io.sideeye.service.ServiceJson;
import io.sideeye.service.ServiceState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run full of failures, with everything the manager and the control plane say captured:
 * events, recent logs, status JSON, error messages, control answers and the SLF4J log (at debug
 * level, {@code -Dorg.slf4j.simpleLogger.logFile}). Neither the per-launch API tokens nor the
 * control token appear anywhere.
 */
class TokenSecrecyIT {
    @TempDir
    Path runtimeDir;

    @Test
    void tokensNeverAppearInLogsEventsStatusOrErrors() throws Exception {
        String marker = TestServer.marker("secrecy");
        List<ServiceEvent> events = new CopyOnWriteArrayList<>();
        List<String> said = new ArrayList<>();
        Set<String> apiTokens = new HashSet<>();
        try (DjangoServiceManager m = TestServer.builder(marker).runtimeDir(runtimeDir)
                .restartDelay(Duration.ofMillis(20)).maxRestartDelay(Duration.ofMillis(40))
                .healthCheckInterval(Duration.ofMillis(100)).healthCheckTimeout(Duration.ofMillis(300))
                .unhealthyThreshold(1).maxRestartAttempts(2).apiTimeout(Duration.ofSeconds(1)).build();
             ControlServer control = ControlServer.start(m, 0, null)) {
            m.onAny(events::add);
            assertThat(m.start().get(30, TimeUnit.SECONDS)).isTrue();
            apiTokens.add(launchToken(m));
            // failures of every kind, each of which produces messages
            said.add(String.valueOf(m.apiCall("/api/missing", "GET", null).get(10, TimeUnit.SECONDS)));
            said.add(rejection(m, "//evil.example/steal"));
            said.add(rejection(m, "/a\r\nAuthorization: x"));
            long hungPid = m.getStatus().pid();
            said.add(String.valueOf(m.apiCall("/control/hang", "POST", null).get(10, TimeUnit.SECONDS)));
            said.add(String.valueOf(m.apiCall("/api/echo/after-hang", "GET", null).get(10, TimeUnit.SECONDS)));
            await().atMost(Duration.ofSeconds(30)).until(() -> m.getStatus().state() == ServiceState.RUNNING
                    && m.getStatus().pid() != null && m.getStatus().pid() != hungPid);
            apiTokens.add(launchToken(m));
            m.apiCall("/control/crash?code=7", "POST", null).get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> m.getStatus().state() == ServiceState.RUNNING
                    || m.getStatus().state() == ServiceState.FAILED);
            if (m.getStatus().state() == ServiceState.RUNNING) {
                apiTokens.add(launchToken(m));
            }
            said.add(ServiceJson.write(m.getStatus()));
            said.add(RawHttp.exchange(control.port(), RawHttp.request("GET", "/ipc/django-service-status", null,
                    "Host: 127.0.0.1:" + control.port(), "Authorization: Bearer " + control.token()), 1 << 20, 10_000));
            said.add(RawHttp.exchange(control.port(), RawHttp.request("POST", "/ipc/django-api-call",
                    "{\"endpoint\":\"/../x\"}", "Host: 127.0.0.1:" + control.port(), "Content-Type: application/json",
                    "Authorization: Bearer " + control.token()), 1 << 20, 10_000));
            said.add(RawHttp.exchange(control.port(), RawHttp.request("GET", "/ipc/django-service-status", null,
                    "Host: 127.0.0.1:" + control.port(), "Authorization: Bearer " + control.token() + "x"), 1 << 20,
                    10_000));
            said.add(RawHttp.exchange(control.port(), RawHttp.request("GET", "/metrics", null,
                    "Host: 127.0.0.1:" + control.port(), "Authorization: Bearer " + control.token()), 1 << 20, 10_000));
            m.stop().get(30, TimeUnit.SECONDS);
            for (LogLine l : m.recentLogs()) {
                said.add(l.line());
            }
            for (ServiceEvent e : events) {
                said.add(e.toString());
                said.add(ServiceJson.write(ServiceJson.toJson(e)));
            }
            said.add(ServiceJson.write(m.getStatus()));
            Set<String> secrets = new HashSet<>(apiTokens);
            secrets.add(control.token());
            String slf4j = Files.readString(Path.of(System.getProperty("org.slf4j.simpleLogger.logFile")),
                    StandardCharsets.UTF_8);
            assertThat(slf4j).as("the SLF4J log").isNotEmpty();
            for (String secret : secrets) {
                assertThat(secret).hasSizeGreaterThanOrEqualTo(20);
                assertThat(slf4j).as("SLF4J log").doesNotContain(secret);
                for (String s : said) {
                    assertThat(s).as("something the manager or control plane said").doesNotContain(secret);
                }
            }
            Figures.record("token secrecy", String.format("apiTokens=%d events=%d logLines=%d answersAndStatuses=%d"
                            + " slf4jBytes=%d restartsTotal=%d leaks=0", apiTokens.size(), events.size(),
                    m.recentLogs().size(), said.size(), slf4j.length(), m.getStatus().restartsTotal()));
        }
    }

    /** The current launch's token, as the test server echoes the Authorization header it received. */
    private static String launchToken(DjangoServiceManager m) throws Exception {
        ApiResponse r = m.apiCall("/api/echo/token", "GET", null).get(10, TimeUnit.SECONDS);
        assertThat(r.success()).as("echo %s", r.error()).isTrue();
        String header = r.data().path("headers").path("Authorization").asText();
        assertThat(header).startsWith("Bearer ");
        return header.substring("Bearer ".length());
    }

    private static String rejection(DjangoServiceManager m, String endpoint) throws Exception {
        try {
            return String.valueOf(m.apiCall(endpoint, "GET", null).get(10, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            return e.getCause().toString();
        }
    }
}
