package io.sideeye.example.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.service.ApiResponse;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceState;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The example application against the real bundled backend, on a random port. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotesApplicationIT {
    static final AtomicReference<ServiceState> STATE_WHEN_WEB_SERVER_OPENED = new AtomicReference<>();

    @DynamicPropertySource
    static void backend(DynamicPropertyRegistry registry) {
        TestBackend.properties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    TestRestTemplate http;

    @Autowired
    DjangoServiceManager manager;

    @Test
    void theBackendWasHealthyBeforeTheWebServerOpened() {
        assertThat(STATE_WHEN_WEB_SERVER_OPENED.get()).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void theApplicationsNotesApiIsServedByTheBackendThroughTheManager() {
        String title = "from Spring " + UUID.randomUUID();
        ResponseEntity<JsonNode> created = http.postForEntity("/notes", Map.of("title", title), JsonNode.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);

        ResponseEntity<String> notes = http.getForEntity("/notes", String.class);
        assertThat(notes.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(notes.getBody()).contains(title);

        ApiResponse direct = manager.apiCall("/notes/" + created.getBody().get("id").asText() + "/").join();
        assertThat(direct.success()).isTrue();
        assertThat(direct.data().get("title").asText()).isEqualTo(title);
    }

    @Test
    void actuatorHealthIncludesTheBackend() {
        JsonNode health = http.getForObject("/actuator/health", JsonNode.class);

        assertThat(health.at("/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/sideeye/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/sideeye/details/state").asText()).isEqualTo("RUNNING");
        assertThat(health.at("/components/sideeye/details/pid").asLong()).isEqualTo(manager.getStatus().pid());
    }

    @Test
    void metersDescribeTheBackend() {
        assertThat(manager.healthCheck().join()).isTrue();

        // the check's event reaches the timer on the manager's event thread, a moment after the future completes
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode latency = http.getForObject("/actuator/metrics/sideeye.health.latency?tag=outcome:healthy",
                    JsonNode.class);
            assertThat(latency.at("/measurements/0/statistic").asText()).isEqualTo("COUNT");
            assertThat(latency.at("/measurements/0/value").asDouble()).isGreaterThanOrEqualTo(1);
        });
        JsonNode running = http.getForObject("/actuator/metrics/sideeye.state?tag=state:RUNNING", JsonNode.class);
        assertThat(running.at("/measurements/0/value").asDouble()).isEqualTo(1.0);
        JsonNode restarts = http.getForObject("/actuator/metrics/sideeye.restarts", JsonNode.class);
        assertThat(restarts.at("/measurements/0/value").asDouble()).isZero();
    }

    @TestConfiguration
    static class WebServerProbe {
        @Bean
        ApplicationListener<WebServerInitializedEvent> stateWhenWebServerOpened(DjangoServiceManager manager) {
            return event -> STATE_WHEN_WEB_SERVER_OPENED.set(manager.getStatus().state());
        }
    }
}
