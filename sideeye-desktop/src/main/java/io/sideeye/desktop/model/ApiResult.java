package io.sideeye.desktop.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.sideeye.service.ApiResponse;
import io.sideeye.service.ServiceJson;

/**
 * What the API console shows for one call.
 *
 * @param summary the headline, e.g. {@code 201 Created · 12 ms} or {@code No answer: connection refused}
 * @param tone    {@link StatusTone#OK} for 2xx, {@link StatusTone#WARNING} for another answer,
 *                {@link StatusTone#ERROR} when no answer arrived or the call could not be made
 * @param body    the answer, pretty-printed when it is JSON; empty when there is none
 */
public record ApiResult(String summary, StatusTone tone, String body) {

    /** The result of an answered (or network-failed) call. */
    public static ApiResult of(ApiResponse response) {
        String body = pretty(response);
        if (response.status() == 0) {
            return new ApiResult("No answer: " + response.error() + " · " + response.durationMs() + " ms",
                    StatusTone.ERROR, body);
        }
        String reason = HttpReasons.of(response.status());
        String summary = response.status() + (reason.isEmpty() ? "" : " " + reason) + " · " + response.durationMs() + " ms";
        return new ApiResult(summary, response.success() ? StatusTone.OK : StatusTone.WARNING, body);
    }

    /** The result of a call that could not be made (not running, bad endpoint). */
    public static ApiResult failed(Throwable failure) {
        return new ApiResult(Failures.describe(failure), StatusTone.ERROR, "");
    }

    /** The result of input that was not sent. */
    public static ApiResult rejected(InputException problem) {
        return new ApiResult(problem.getMessage(), StatusTone.ERROR, "");
    }

    private static String pretty(ApiResponse response) {
        if (response.data() == null) {
            return "";
        }
        if (response.data().isTextual()) {
            return response.data().asText();
        }
        try {
            return ServiceJson.writer().withDefaultPrettyPrinter().writeValueAsString(response.data());
        } catch (JsonProcessingException e) {
            return response.data().toString();
        }
    }
}
