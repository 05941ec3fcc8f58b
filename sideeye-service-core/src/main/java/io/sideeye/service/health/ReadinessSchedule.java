package io.sideeye.service.health;

import java.time.Duration;

/**
 * The adaptive readiness polling interval: a few milliseconds right after spawn, growing with
 * the time already waited (one sixteenth of it) up to a ceiling. A backend ready after 250 ms is
 * noticed within ~16 ms, one ready after 5 s within 250 ms, and a slow starter is not flooded.
 */
public final class ReadinessSchedule {
    /** The shortest interval, also the delay of the first poll after spawn. */
    public static final Duration FLOOR = Duration.ofMillis(5);
    /** The longest interval between polls. */
    public static final Duration CEILING = Duration.ofMillis(250);

    private ReadinessSchedule() {
    }

    /** The delay before the next poll when {@code elapsed} has passed since spawn. */
    public static Duration nextDelay(Duration elapsed) {
        long nanos = Math.max(FLOOR.toNanos(), Math.min(CEILING.toNanos(), elapsed.toNanos() / 16));
        return Duration.ofNanos(nanos);
    }
}
