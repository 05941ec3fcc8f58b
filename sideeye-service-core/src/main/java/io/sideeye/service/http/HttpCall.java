package io.sideeye.service.http;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * One HTTP request to the backend.
 *
 * @param method           GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS
 * @param uri              absolute URI
 * @param headers          request headers (e.g. Authorization, Content-Type)
 * @param body             request body, or null for none
 * @param timeout          the whole exchange must finish within this time
 * @param maxResponseBytes answers larger than this are refused, not read
 */
public record HttpCall(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout,
                       long maxResponseBytes) {
    /** Copies the headers. */
    public HttpCall {
        headers = Map.copyOf(headers);
    }

    /** Names the method, URI and header names only: header values (the bearer token) never appear. */
    @Override
    public String toString() {
        return "HttpCall[" + method + " " + uri + ", headers=" + headers.keySet() + ", body="
                + (body == null ? "none" : body.length + " bytes") + ", timeout=" + timeout
                + ", maxResponseBytes=" + maxResponseBytes + "]";
    }
}
