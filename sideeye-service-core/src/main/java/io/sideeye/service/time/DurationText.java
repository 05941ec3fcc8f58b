package io.sideeye.service.time;

import java.time.Duration;

/** Durations in messages, written the way configuration files write them. */
public final class DurationText {
    /** The longest duration any setting accepts: longer ones would overflow the scheduler's milliseconds. */
    public static final Duration MAX = Duration.ofDays(365);

    private DurationText() {
    }

    /** Renders a duration the way config files write it: {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}. */
    public static String format(Duration d) {
        if (d == null) {
            return "null";
        }
        if (d.compareTo(MAX) > 0 || d.compareTo(MAX.negated()) < 0) {
            return d.getSeconds() + "s"; // too long for milliseconds without overflow
        }
        long ms = d.toMillis();
        if (ms != 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms != 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms != 0 && ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
