package io.sideeye.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpCallTest {

    @Test
    void itsTextNeverShowsHeaderValues() {
        HttpCall call = new HttpCall("GET", URI.create("http://127.0.0.1:8000/api/health/"),
                Map.of("Authorization", "Bearer s3cr3t-token"), null, Duration.ofSeconds(5), 1024);

        assertThat(call.toString()).contains("GET http://127.0.0.1:8000/api/health/", "Authorization")
                .doesNotContain("s3cr3t-token");
    }
}
