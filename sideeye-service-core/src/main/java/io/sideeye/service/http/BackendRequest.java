package io.sideeye.service.http;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the {@link HttpCall} of a request to the backend, the same way for health checks and
 * API calls: base URL joined with a path, {@code Accept: application/json}, a JSON body with its
 * Content-Type, and {@code Authorization: Bearer <token>}.
 */
public final class BackendRequest {
    private BackendRequest() {
    }

    /**
     * The call.
     *
     * @param method           an upper-case HTTP method
     * @param baseUrl          e.g. {@code http://127.0.0.1:8000} (a trailing slash is ignored)
     * @param path             a path starting with {@code /}, with an optional query string
     * @param jsonBody         the JSON body, or null for none
     * @param token            the bearer token, or null to send no Authorization header
     * @param timeout          the time the whole exchange may take
     * @param maxResponseBytes the largest answer that is read
     * @throws IllegalArgumentException when base and path do not form a valid URI
     */
    public static HttpCall of(String method, URI baseUrl, String path, byte[] jsonBody, String token,
                              Duration timeout, long maxResponseBytes) {
        String base = baseUrl.toString();
        URI uri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        // POST, PUT and PATCH declare JSON even without data: backends (the reference one among
        // them) refuse other types on state-changing requests, which stops cross-site form posts.
        if (jsonBody != null || method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            headers.put("Content-Type", "application/json");
        }
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        return new HttpCall(method, uri, headers, jsonBody, timeout, maxResponseBytes);
    }
}
