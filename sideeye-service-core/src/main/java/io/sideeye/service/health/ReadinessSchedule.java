package io.sideeye.service.health;

import java.time.Duration;

/**
 * The adaptive readiness polling interval: a few milliseconds right after spawn, growing with
 * the time already waited (one thirty-second of it) up to a ceiling. A backend ready after
 * 600 ms is noticed within ~19 ms (~9 ms on average), one ready after 8 s or later within
 * 250 ms, and a slow starter is not flooded: a start that takes 600 ms is polled about 75 times,
 * each a refused connection until the backend listens. Polls the server answers, which its log
 * records, are spaced further apart (see {@link #nextDelay(Duration, int)} and
 * {@link #WRONG_ANSWER_INTERVAL}).
 */
public final class ReadinessSchedule {
    /** The shortest interval, also the delay of the first poll after spawn. */
    public static final Duration FLOOR = Duration.ofMillis(5);
    /** The longest interval between polls. */
    public static final Duration CEILING = Duration.ofMillis(250);
    /** The interval is the time waited since spawn divided by this, between floor and ceiling. */
    public static final int DIVISOR = 32;

    /**
     * How long readiness answers must keep saying that the health URL is wrong (a 404, a login, a
     * redirect, an HTML page) before the start fails, rather than waiting for {@code startupTimeout}.
     */
    public static final Duration WRONG_ANSWER_WINDOW = Duration.ofSeconds(2);
    /**
     * The interval between polls while they get such answers: four requests in all, so the
     * backend logs a handful of lines (Django logs each 404), not one every few milliseconds.
     */
    public static final Duration WRONG_ANSWER_INTERVAL = Duration.ofMillis(667);

    /**
     * The longest interval while the server answers but not healthily (a 5xx while it warms
     * up): such answers double the interval from {@link #CEILING} up to this, since each of them
     * is a line in the backend's log.
     */
    public static final Duration ANSWERED_CEILING = Duration.ofSeconds(2);

    private ReadinessSchedule() {
    }

    /**
     * The delay before the next poll after {@code answers} consecutive unhealthy HTTP answers
     * (0 while nothing answered), {@code elapsed} after spawn: {@link #nextDelay} while nothing
     * answers, then 250 ms, 500 ms, 1 s, 2 s, 2 s, ...
     */
    public static Duration nextDelay(Duration elapsed, int answers) {
        Duration delay = nextDelay(elapsed);
        if (answers <= 0) {
            return delay;
        }
        long answered = CEILING.toMillis() << Math.min(answers - 1, 10);
        return Duration.ofMillis(Math.max(delay.toMillis(), Math.min(ANSWERED_CEILING.toMillis(), answered)));
    }

    /** The delay before the next poll when {@code elapsed} has passed since spawn. */
    public static Duration nextDelay(Duration elapsed) {
        long nanos = Math.max(FLOOR.toNanos(), Math.min(CEILING.toNanos(), elapsed.toNanos() / DIVISOR));
        return Duration.ofNanos(nanos);
    }
}
