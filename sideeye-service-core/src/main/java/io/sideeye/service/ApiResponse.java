package io.sideeye.service;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The outcome of {@link DjangoServiceManager#apiCall(String, String, Object)}. Network failures
 * are reported here, never thrown.
 *
 * @param success    true for a 2xx answer
 * @param status     the HTTP status, or 0 when no answer arrived
 * @param data       the answer's body: parsed JSON, or a text node for non-JSON answers; null when empty
 * @param error      null on success, else a readable reason such as {@code HTTP 404 Not Found},
 *                   {@code connection refused} or {@code timed out after 10s}
 * @param durationMs wall time of the call in milliseconds
 */
public record ApiResponse(boolean success, int status, JsonNode data, String error, long durationMs) {
}
