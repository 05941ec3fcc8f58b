package io.sideeye.control.sse;

import java.nio.charset.StandardCharsets;

/**
 * Encodes Server-Sent-Events frames once, as bytes shared by every subscriber.
 *
 * <pre>
 * event: django-service-status
 * data: {"status":"started"}
 *
 * </pre>
 */
public final class SseFrame {
    /** A heartbeat: an empty comment, ignored by clients but failing on a dead connection. */
    public static final byte[] HEARTBEAT = ":\n\n".getBytes(StandardCharsets.US_ASCII);

    private SseFrame() {
    }

    /** An event of {@code type} whose data is {@code data} (each line becomes a {@code data:} line). */
    public static byte[] event(String type, String data) {
        if (type.indexOf('\n') >= 0 || type.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("SSE event type must be one line: " + type);
        }
        StringBuilder sb = new StringBuilder(type.length() + data.length() + 16);
        sb.append("event: ").append(type).append('\n');
        if (data.indexOf('\n') < 0 && data.indexOf('\r') < 0) {
            sb.append("data: ").append(data).append('\n'); // one line, as JSON always is: no regex
        } else {
            for (String line : data.split("\r\n|\r|\n", -1)) {
                sb.append("data: ").append(line).append('\n');
            }
        }
        sb.append('\n');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Tells the client how long to wait before reconnecting after the stream ends. */
    public static byte[] retry(long millis) {
        return ("retry: " + millis + "\n\n").getBytes(StandardCharsets.US_ASCII);
    }
}
