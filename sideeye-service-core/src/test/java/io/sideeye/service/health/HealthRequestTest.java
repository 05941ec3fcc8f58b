package io.sideeye.service.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.http.HttpCall;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HealthRequestTest {

    @Test
    void getsTheHealthPathWithTheBearerToken() {
        HttpCall call = HealthRequest.build(URI.create("http://127.0.0.1:8123/"), "/api/health/", "tok",
                Duration.ofSeconds(5), 65536);

        assertThat(call.method()).isEqualTo("GET");
        assertThat(call.uri()).isEqualTo(URI.create("http://127.0.0.1:8123/api/health/"));
        assertThat(call.headers()).containsEntry("Authorization", "Bearer tok")
                .containsEntry("Accept", "application/json").doesNotContainKey("Content-Type");
        assertThat(call.body()).isNull();
        assertThat(call.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(call.maxResponseBytes()).isEqualTo(65536);
    }

    @Test
    void sendsNoAuthorizationWithoutAToken() {
        HttpCall call = HealthRequest.build(URI.create("http://localhost:8000"), "/health", null,
                Duration.ofSeconds(1), 1024);

        assertThat(call.uri()).isEqualTo(URI.create("http://localhost:8000/health"));
        assertThat(call.headers()).doesNotContainKey("Authorization");
    }
}
