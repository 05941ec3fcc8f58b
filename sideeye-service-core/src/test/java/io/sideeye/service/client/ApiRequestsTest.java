package io.sideeye.service.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.NullNode;
import io.sideeye.service.LatencySummary;
import io.sideeye.service.ServiceJson;
import io.sideeye.service.http.HttpCall;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ApiRequestsTest {
    private static final URI BASE = URI.create("http://127.0.0.1:8000");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** A record in a package that is not open to Jackson (as in a user's module that forgot to open it). */
    record Note(String title, List<String> tags) {
    }

    private static HttpCall build(String endpoint, String method, Object data) {
        return ApiRequests.prepare("/api", endpoint, method, data).toCall(BASE, "tok", TIMEOUT, 4096);
    }

    private static String body(HttpCall call) {
        return new String(call.body(), StandardCharsets.UTF_8);
    }

    @Test
    void buildsAGetWithoutBodyAndWithTheToken() {
        HttpCall call = build("/notes/?page=2", null, null);

        assertThat(call.method()).isEqualTo("GET");
        assertThat(call.uri()).isEqualTo(URI.create("http://127.0.0.1:8000/api/notes/?page=2"));
        assertThat(call.body()).isNull();
        assertThat(call.headers()).isEqualTo(Map.of("Accept", "application/json", "Authorization", "Bearer tok"));
        assertThat(call.timeout()).isEqualTo(TIMEOUT);
        assertThat(call.maxResponseBytes()).isEqualTo(4096);
    }

    @Test
    void sendsDataAsJsonWithItsContentType() {
        HttpCall call = build("/notes/7/", "patch", Map.of("title", "caf\u00e9"));

        assertThat(call.method()).isEqualTo("PATCH");
        assertThat(body(call)).isEqualTo("{\"title\":\"caf\u00e9\"}");
        assertThat(call.headers()).containsEntry("Content-Type", "application/json");
    }

    @Test
    void serialisesMapsJsonNodesAndStringsAlike() throws Exception {
        assertThat(body(build("/n/", "POST", new TreeMap<>(Map.of("b", 2, "a", 1))))).isEqualTo("{\"a\":1,\"b\":2}");
        assertThat(body(build("/n/", "PUT", ServiceJson.reader().readTree("{\"x\":[1]}")))).isEqualTo("{\"x\":[1]}");
        assertThat(body(build("/n/", "POST", "{\"x\":1}"))).isEqualTo("\"{\\\"x\\\":1}\"");
        assertThat(body(build("/n/", "DELETE", List.of(1, 2)))).isEqualTo("[1,2]");
        assertThat(body(build("/n/", "POST", new LatencySummary(3, 1.5, 2.5, 4))))
                .isEqualTo("{\"count\":3,\"p50\":1.5,\"p95\":2.5,\"max\":4.0}");
    }

    @Test
    void treatsNullAndAJsonNullAsNoData() {
        assertThat(build("/n/", "POST", null).body()).isNull();
        assertThat(build("/n/", "GET", NullNode.getInstance()).body()).isNull();
        assertThat(build("/n/", "DELETE", null).headers()).doesNotContainKey("Content-Type");
        assertThat(build("/n/", "POST", null).headers()).as("state-changing: always declared JSON")
                .containsEntry("Content-Type", "application/json");
    }

    @Test
    void worksWithoutAnApiBasePathOrToken() {
        HttpCall call = ApiRequests.prepare("", "/ping", "HEAD", null).toCall(URI.create("http://[::1]:9000/"), null,
                TIMEOUT, 10);

        assertThat(call.uri()).isEqualTo(URI.create("http://[::1]:9000/ping"));
        assertThat(call.headers()).doesNotContainKey("Authorization");
    }

    @Test
    void refusesDataOnGetAndHead() {
        assertThatThrownBy(() -> build("/notes/", "GET", Map.of("page", 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a GET request cannot carry data (sent to endpoint \"/notes/\"); put parameters in the"
                        + " endpoint's query string, e.g. /notes/?page=2, or use POST");
        assertThatThrownBy(() -> build("/notes/", "head", "x")).hasMessageStartingWith("a HEAD request cannot carry data");
    }

    @Test
    void refusesDataThatCannotBeSerialisedNamingItsType() {
        Object opaque = new Object();

        assertThatThrownBy(() -> build("/notes/", "POST", opaque))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("data of type java.lang.Object cannot be sent as JSON (")
                .hasMessageEndingWith("pass a Map, a List, a record, a JsonNode or another value Jackson can serialise");
    }

    @Test
    void explainsHowToOpenAPackageWhoseRecordsJacksonCannotRead() {
        assertThatThrownBy(() -> build("/notes/", "POST", new Note("t", List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data of type io.sideeye.service.client.ApiRequestsTest$Note cannot be sent as JSON (its"
                        + " package is not open to Jackson; add 'opens io.sideeye.service.client to"
                        + " com.fasterxml.jackson.databind;' to your module-info.java); pass a Map, a List, a record,"
                        + " a JsonNode or another value Jackson can serialise");
    }

    @Test
    void validatesEndpointAndMethod() {
        assertThatThrownBy(() -> build("//evil.example/x", "GET", null)).hasMessageContaining("starts with //");
        assertThatThrownBy(() -> build("/notes/", "TRACE", null)).hasMessageContaining("method \"TRACE\"");
    }
}
