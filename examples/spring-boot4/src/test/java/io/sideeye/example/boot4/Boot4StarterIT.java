package io.sideeye.example.boot4;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sideeye.service.ApiResponse;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceState;
import io.sideeye.spring.boot.SideEyeBoot4HealthIndicator;
import io.sideeye.spring.boot.SideEyeLifecycle;
import io.sideeye.testsupport.ReferenceBackend;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.ConfigurableApplicationContext;

/** The starter on Spring Boot 4: the backend, its health indicator and meters, the start and stop order. */
class Boot4StarterIT {
    @Test
    void theStarterRunsTheBackendOnSpringBoot4() throws Exception {
        assertThat(SpringBootVersion.getVersion()).startsWith("4.0.");
        assertThat(SideEyeLifecycle.DEFAULT_PHASE) // Boot 4 keeps Boot 3's web server phases
                .isLessThan(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1024);

        long pid;
        try (ConfigurableApplicationContext app = SpringApplication.run(Boot4Application.class, arguments())) {
            DjangoServiceManager manager = app.getBean(DjangoServiceManager.class);
            pid = manager.getStatus().pid();
            assertThat(Boot4Application.STATE_WHEN_WEB_SERVER_OPENED.get()).isEqualTo(ServiceState.RUNNING);
            assertThat(app.getBeansOfType(SideEyeBoot4HealthIndicator.class)).hasSize(1);

            ApiResponse created = manager.apiCall("/notes/", "POST", Map.of("title", "on Boot 4")).join();
            assertThat(created.status()).as(created.error()).isEqualTo(201);

            String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
            JsonNode health = get(base + "/actuator/health/sideeye");
            assertThat(health.at("/status").asText()).isEqualTo("UP");
            assertThat(health.at("/details/state").asText()).isEqualTo("RUNNING");
            assertThat(health.at("/details/pid").asLong()).isEqualTo(pid);
            JsonNode running = get(base + "/actuator/metrics/sideeye.state?tag=state:RUNNING");
            assertThat(running.at("/measurements/0/value").asDouble()).isEqualTo(1.0);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("backend after close").isFalse();
    }

    private static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(url + " " + answer.body()).isEqualTo(200);
        return new ObjectMapper().readTree(answer.body());
    }

    private static String[] arguments() {
        ReferenceBackend.requireSetUp();
        Path data = ReferenceBackend.newDataDir();
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--sideeye.project-dir=" + ReferenceBackend.PROJECT,
                "--sideeye.python=" + ReferenceBackend.PYTHON,
                "--sideeye.port=0",
                "--sideeye.startup-timeout=60s",
                "--sideeye.environment.SIDEEYE_DATA_DIR=" + data,
                "--sideeye.runtime-dir=" + data.resolve("run"),
                "--management.endpoints.web.exposure.include=health,metrics",
                "--management.endpoint.health.show-details=always"));
        return args.toArray(String[]::new);
    }
}
