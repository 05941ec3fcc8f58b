package io.sideeye.service.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.http.HttpFailure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdempotentRetryTest {

    @ParameterizedTest
    @CsvSource({
        "GET, REFUSED, connection refused, true",
        "HEAD, IO, Connection reset, true",
        "PUT, IO, connection closed before the answer was complete, true",
        "DELETE, IO, I/O error: Broken pipe, true",
        "OPTIONS, REFUSED, connection refused, true",
        "POST, REFUSED, connection refused, false",
        "PATCH, IO, connection reset, false",
        "GET, TIMEOUT, timed out after 5s, false",
        "GET, TOO_LARGE, answer exceeds the limit, false",
        "GET, IO, I/O error: malformed status line, false",
    })
    void onlyAnIdempotentMethodAfterAConnectionFailureIsSentAgain(String method, HttpFailure.Kind kind, String message,
                                                                   boolean again) {
        assertThat(IdempotentRetry.applies(method, new HttpFailure(kind, message))).isEqualTo(again);
    }
}
