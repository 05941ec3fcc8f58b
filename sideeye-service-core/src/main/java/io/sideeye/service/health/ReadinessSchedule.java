package io.sideeye.service.health;

import java.time.Duration;

/**
 * The adaptive readiness polling interval: a few milliseconds right after spawn, growing with
 * the time already waited (one thirty-second of it) up to a ceiling. A backend ready after
 * 600 ms is noticed within ~19 ms (~9 ms on average), one ready after 8 s or later within
 * 250 ms, and a slow starter is not flooded: a start that takes 600 ms is polled about 75 times,
 * each a refused connection until the backend listens.
 */
public final class ReadinessSchedule {
    /** The shortest interval, also the delay of the first poll after spawn. */
    public static final Duration FLOOR = Duration.ofMillis(5);
    /** The longest interval between polls. */
    public static final Duration CEILING = Duration.ofMillis(250);
    /** The interval is the time waited since spawn divided by this, between floor and ceiling. */
    public static final int DIVISOR = 32;

    private ReadinessSchedule() {
    }

    /** The delay before the next poll when {@code elapsed} has passed since spawn. */
    public static Duration nextDelay(Duration elapsed) {
        long nanos = Math.max(FLOOR.toNanos(), Math.min(CEILING.toNanos(), elapsed.toNanos() / DIVISOR));
        return Duration.ofNanos(nanos);
    }
}
