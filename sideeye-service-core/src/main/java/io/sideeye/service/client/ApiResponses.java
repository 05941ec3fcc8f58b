package io.sideeye.service.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.sideeye.service.ApiResponse;
import io.sideeye.service.http.HttpFailure;
import io.sideeye.service.http.HttpReply;
import io.sideeye.service.http.Quoting;
import io.sideeye.service.http.ReplyBody;
import java.util.concurrent.TimeUnit;

/** Turns what the transport returned into the {@link ApiResponse} an {@code apiCall} completes with. */
public final class ApiResponses {
    private ApiResponses() {
    }

    /**
     * The response for an answer: {@code success} for 2xx; {@code data} the parsed JSON, a text
     * node for a non-JSON (or malformed JSON) body, or null for an empty one; {@code error}
     * {@code HTTP 404 Not Found} otherwise, with the server's reason phrase or, when it sent none,
     * the standard one; {@code durationMs} from {@link HttpReply#elapsedNanos()}.
     */
    public static ApiResponse from(HttpReply reply) {
        boolean success = reply.status() >= 200 && reply.status() < 300;
        return new ApiResponse(success, reply.status(), data(reply), success ? null : error(reply),
                TimeUnit.NANOSECONDS.toMillis(reply.elapsedNanos()));
    }

    /** The response for a call that got no answer: status 0 and the failure's readable message. */
    public static ApiResponse failure(HttpFailure failure, long durationMs) {
        return new ApiResponse(false, 0, null, failure.getMessage(), durationMs);
    }

    private static JsonNode data(HttpReply reply) {
        if (reply.body().length == 0) {
            return null;
        }
        return ReplyBody.json(reply).orElseGet(() -> TextNode.valueOf(ReplyBody.text(reply)));
    }

    private static String error(HttpReply reply) {
        String reason = reply.reason() == null || reply.reason().isBlank()
                ? StandardReasons.of(reply.status())
                : Quoting.sanitize(reply.reason().trim(), 80);
        return "HTTP " + reply.status() + (reason == null ? "" : " " + reason);
    }
}
