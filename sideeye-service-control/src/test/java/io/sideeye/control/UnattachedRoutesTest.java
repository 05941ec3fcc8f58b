package io.sideeye.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.control.testkit.RawHttp;
import io.sideeye.control.testkit.RawHttp.Response;
import io.sideeye.control.testkit.SseStream;
import io.sideeye.service.ServiceJson;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every route while no manager is attached answers the seed's "not initialized" envelope. */
class UnattachedRoutesTest {
    private ControlServer server;

    @BeforeEach
    void start() {
        server = ControlServer.builder().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode call(String method, String path, String json, int expectedStatus) throws IOException {
        RawHttp request = RawHttp.request(server.port(), method, path).bearer(server.token());
        if (json != null) {
            request.json(json);
        }
        Response r = request.send();
        assertThat(r.status()).as(method + " " + path + ": " + r.text()).isEqualTo(expectedStatus);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        return ServiceJson.reader().readTree(r.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"start", "stop", "restart"})
    void lifecycleRoutesAnswerNotInitialized(String verb) throws IOException {
        JsonNode n = call("POST", "/ipc/django-service-" + verb, null, 503);
        assertThat(n.toString()).isEqualTo("{\"success\":false,\"error\":\"Django service manager not initialized\"}");
    }

    @Test
    void statusIsNullWhenNotInitialized() throws IOException {
        JsonNode n = call("GET", "/ipc/django-service-status", null, 503);
        assertThat(n.get("success").asBoolean()).isFalse();
        assertThat(n.get("error").asText()).isEqualTo("Django service manager not initialized");
        assertThat(n.has("status")).isTrue();
        assertThat(n.get("status").isNull()).isTrue();
    }

    @Test
    void healthCheckIsUnhealthyWhenNotInitialized() throws IOException {
        JsonNode n = call("POST", "/ipc/django-service-health-check", null, 503);
        assertThat(n.get("success").asBoolean()).isFalse();
        assertThat(n.get("healthy").asBoolean()).isFalse();
        assertThat(n.get("error").asText()).isEqualTo("Django service manager not initialized");
    }

    @Test
    void apiCallAnswersNotInitializedForAValidBody() throws IOException {
        JsonNode n = call("POST", "/ipc/django-api-call", "{\"endpoint\":\"/notes/\",\"method\":\"GET\"}", 503);
        assertThat(n.get("error").asText()).isEqualTo("Django service manager not initialized");
    }

    @Test
    void apiCallRejectsABodyWithoutAnEndpointBeforeAnythingElse() throws IOException {
        JsonNode n = call("POST", "/ipc/django-api-call", "{\"method\":\"GET\"}", 400);
        assertThat(n.get("error").asText()).contains("'endpoint' must be a string");
        JsonNode m = call("POST", "/ipc/django-api-call", "{\"endpoint\":\"/x/\",\"method\":5}", 400);
        assertThat(m.get("error").asText()).contains("'method' must be a string");
        JsonNode array = call("POST", "/ipc/django-api-call", "[1,2]", 400);
        assertThat(array.get("error").asText()).contains("must be a JSON object");
        JsonNode empty = call("POST", "/ipc/django-api-call", "", 400);
        assertThat(empty.get("error").asText()).contains("empty");
    }

    @Test
    void logsAreEmptyWhenNotInitializedAndValidateN() throws IOException {
        JsonNode n = call("GET", "/ipc/logs?n=5", null, 503);
        assertThat(n.get("lines").isArray()).isTrue();
        assertThat(n.get("lines")).isEmpty();
        assertThat(call("GET", "/ipc/logs?n=-1", null, 400).get("error").asText()).contains("n must be a whole number");
        assertThat(call("GET", "/ipc/logs?n=abc", null, 400).get("error").asText()).contains("'abc'");
    }

    @Test
    void servicesAreNullWhenNotInitialized() throws IOException {
        JsonNode n = call("GET", "/ipc/services", null, 503);
        assertThat(n.get("error").asText()).isEqualTo("Django service manager not initialized");
        assertThat(n.get("data").isNull()).isTrue();
    }

    @Test
    void aServiceNamedWhileNothingIsAttachedStillAnswersNotInitialized() throws IOException {
        JsonNode n = call("GET", "/ipc/django-service-status?service=worker", null, 503);
        assertThat(n.get("error").asText()).isEqualTo("Django service manager not initialized");
    }

    @Test
    void resourcesAreNullWhenNotInitialized() throws IOException {
        JsonNode n = call("GET", "/ipc/django-service-resources", null, 503);
        assertThat(n.get("resources").isNull()).isTrue();
    }

    @Test
    void metricsReportTheControlServerEvenWithoutAManager() throws IOException {
        Response r = RawHttp.request(server.port(), "GET", "/metrics").bearer(server.token()).send();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/plain; version=0.0.4");
        assertThat(r.text()).contains("sideeye_manager_attached 0\n")
                .contains("# TYPE sideeye_control_event_streams gauge\n")
                .doesNotContain("sideeye_service_up")
                .doesNotContain(server.token());
    }

    @Test
    void eventStreamStartsWithARetryHintAndTheNotInitializedStatus() throws IOException {
        try (SseStream events = new SseStream(RawHttp.request(server.port(), "GET", "/ipc/events")
                .bearer(server.token()))) {
            assertThat(events.status()).isEqualTo(200);
            assertThat(events.header("Content-Type")).isEqualTo("text/event-stream; charset=utf-8");
            assertThat(events.nextRawFrame()).isEqualTo("retry: 1000");
            assertThat(events.nextRawFrame()).isEqualTo("event: services\n"
                    + "data: {\"default\":null,\"services\":[]}");
            assertThat(events.nextRawFrame()).isEqualTo("event: django-service-status\n"
                    + "data: {\"status\":\"stopped\",\"error\":\"Django service manager not initialized\"}");
        }
    }

    @Test
    void eventStreamNeedsTheToken() throws IOException {
        assertThat(RawHttp.request(server.port(), "GET", "/ipc/events").send().status()).isEqualTo(401);
    }

    @Test
    void closingTheServerEndsOpenStreamsCleanly() throws IOException {
        try (SseStream events = new SseStream(RawHttp.request(server.port(), "GET", "/ipc/events")
                .bearer(server.token()))) {
            assertThat(events.nextEvent().type()).isEqualTo("services");
            assertThat(events.nextEvent().type()).isEqualTo("django-service-status");
            server.close();
            String next;
            try {
                next = events.nextRawFrame();
            } catch (IOException reset) {
                next = null;
            }
            assertThat(next).isNull();
        }
    }
}
