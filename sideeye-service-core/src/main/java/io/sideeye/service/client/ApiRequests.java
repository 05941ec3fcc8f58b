package io.sideeye.service.client;

import io.sideeye.service.ServiceJson;
import io.sideeye.service.http.HttpCall;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Placeholder until implemented. */
public final class ApiRequests {
    private ApiRequests() {
    }

    public static HttpCall build(URI base, String apiBasePath, String endpoint, String method, Object data,
                                 String token, Duration timeout, long maxBytes) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        byte[] body = null;
        if (data != null) {
            body = ServiceJson.write(data).getBytes(StandardCharsets.UTF_8);
            headers.put("Content-Type", "application/json");
        }
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        return new HttpCall(method, URI.create(base + apiBasePath + endpoint), headers, body, timeout, maxBytes);
    }
}
