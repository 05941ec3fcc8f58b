package io.sideeye.service.http;

/**
 * An HTTP answer, read whole.
 *
 * @param status       the status code
 * @param reason       the reason phrase (may be empty)
 * @param contentType  the Content-Type header, or null
 * @param body         the body bytes (empty when none)
 * @param elapsedNanos time from sending the request to reading the whole answer
 */
public record HttpReply(int status, String reason, String contentType, byte[] body, long elapsedNanos) {
}
