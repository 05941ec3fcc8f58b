package io.sideeye.service.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.sideeye.service.ApiResponse;
import io.sideeye.service.ServiceJson;
import io.sideeye.service.http.HttpFailure;
import io.sideeye.service.http.HttpReply;
import java.nio.charset.StandardCharsets;

/** Placeholder until implemented. */
public final class ApiResponses {
    private ApiResponses() {
    }

    public static ApiResponse from(HttpReply reply) {
        boolean ok = reply.status() >= 200 && reply.status() <= 299;
        JsonNode data = null;
        if (reply.body().length > 0) {
            try {
                data = ServiceJson.mapper().readTree(reply.body());
            } catch (java.io.IOException e) {
                data = TextNode.valueOf(new String(reply.body(), StandardCharsets.UTF_8));
            }
        }
        return new ApiResponse(ok, reply.status(), data, ok ? null : ("HTTP " + reply.status() + " " + reply.reason()).trim(),
                reply.elapsedNanos() / 1_000_000);
    }

    public static ApiResponse failure(HttpFailure failure, long durationMs) {
        return new ApiResponse(false, 0, null, failure.getMessage(), durationMs);
    }
}
