package io.sideeye.service.client;

import io.sideeye.service.http.BackendRequest;
import io.sideeye.service.http.HttpCall;
import java.net.URI;
import java.time.Duration;

/**
 * A validated API request that does not depend on where the backend runs: the method, the path
 * below the backend's root and the JSON body. {@link ApiRequests#prepare} makes one; the backend's
 * address, the launch's token and the limits turn it into the {@link HttpCall} to send.
 *
 * @param method an upper-case HTTP method
 * @param path   {@code apiBasePath + endpoint}, e.g. {@code /api/notes/?page=2}
 * @param body   the JSON body, or null for none
 */
public record ApiRequest(String method, String path, byte[] body) {

    /**
     * The call to {@code baseUrl + path} with {@code Authorization: Bearer <token>} (when there is
     * a token).
     *
     * @param baseUrl          e.g. {@code http://127.0.0.1:8000}
     * @param token            the bearer token, or null for none
     * @param timeout          {@code apiTimeout}
     * @param maxResponseBytes {@code maxResponseBytes}
     * @throws IllegalArgumentException when base and path do not form a valid URI
     */
    public HttpCall toCall(URI baseUrl, String token, Duration timeout, long maxResponseBytes) {
        return BackendRequest.of(method, baseUrl, path, body, token, timeout, maxResponseBytes);
    }
}
