package io.sideeye.desktop.model;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * One line of the log console.
 *
 * @param timestamp when it happened
 * @param kind      what it is (colour)
 * @param text      the text, without a line terminator
 */
public record LogEntry(Instant timestamp, LogKind kind, String text) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    /** Requires every field. */
    public LogEntry {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    /** The local time of day, e.g. {@code 14:03:07.125}. */
    public String time() {
        return TIME.format(timestamp);
    }

    /** The line as copied to the clipboard: {@code 14:03:07.125 stderr  Traceback ...}. */
    public String toText() {
        return time() + " " + String.format("%-7s", kind.tag()) + " " + text;
    }
}
