package io.sideeye.service.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.ApiResponse;
import io.sideeye.service.ServiceJson;
import io.sideeye.service.http.HttpFailure;
import io.sideeye.service.http.HttpReply;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiResponsesTest {

    private static HttpReply reply(int status, String reason, String contentType, byte[] body) {
        return new HttpReply(status, reason, contentType, body, 12_700_000);
    }

    private static HttpReply reply(int status, String contentType, String body) {
        return reply(status, "", contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aJsonAnswerIsParsed() throws Exception {
        ApiResponse response = ApiResponses.from(reply(200, "application/json", "{\"notes\":[1,2]}"));

        assertThat(response).isEqualTo(new ApiResponse(true, 200, ServiceJson.reader().readTree("{\"notes\":[1,2]}"),
                null, 12));
    }

    @Test
    void aTextAnswerBecomesATextNodeDecodedWithItsCharset() {
        byte[] latin1 = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);

        ApiResponse response = ApiResponses.from(reply(200, "", "text/plain; charset=ISO-8859-1", latin1));

        assertThat(response.data().isTextual()).isTrue();
        assertThat(response.data().textValue()).isEqualTo("caf\u00e9");
    }

    @Test
    void malformedJsonIsKeptAsText() {
        ApiResponse response = ApiResponses.from(reply(200, "application/json", "{\"cut"));

        assertThat(response.success()).isTrue();
        assertThat(response.data().textValue()).isEqualTo("{\"cut");
    }

    @Test
    void anEmptyAnswerHasNoData() {
        ApiResponse response = ApiResponses.from(reply(204, "application/json", ""));

        assertThat(response.success()).isTrue();
        assertThat(response.data()).isNull();
        assertThat(response.error()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "404 |                 | HTTP 404 Not Found",
        "500 |                 | HTTP 500 Internal Server Error",
        "503 | Down For Repair | HTTP 503 Down For Repair",
        "418 |                 | HTTP 418",
        "301 |                 | HTTP 301 Moved Permanently",
    })
    void aNon2xxAnswerFailsWithItsStatusAndReason(int status, String reason, String error) {
        ApiResponse response = ApiResponses.from(reply(status, reason == null ? "" : reason, "application/json",
                "{\"detail\":\"no\"}".getBytes(StandardCharsets.UTF_8)));

        assertThat(response.success()).isFalse();
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.error()).isEqualTo(error);
        assertThat(response.data().get("detail").textValue()).isEqualTo("no");
    }

    @Test
    void aServersReasonPhraseIsSanitised() {
        ApiResponse response = ApiResponses.from(reply(400, "Bad\u0007 Request", null, new byte[0]));

        assertThat(response.error()).isEqualTo("HTTP 400 Bad\\u0007 Request");
    }

    @Test
    void aFailureHasNoStatusAndTheFailuresMessage() {
        ApiResponse response = ApiResponses.failure(new HttpFailure(HttpFailure.Kind.TIMEOUT, "timed out after 10s"), 10_003);

        assertThat(response).isEqualTo(new ApiResponse(false, 0, null, "timed out after 10s", 10_003));
    }
}
