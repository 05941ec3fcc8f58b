package io.sideeye.service.restart;

import java.time.Duration;

/**
 * Exponential backoff with a cap: attempt n (1-based) waits
 * {@code min(restartDelay * 2^(n-1), maxRestartDelay)}; after {@code maxAttempts} attempts the
 * service is given up.
 *
 * @param restartDelay    the first step
 * @param maxRestartDelay the cap
 * @param maxAttempts     automatic attempts allowed; 0 disables automatic restarts
 */
public record RestartPolicy(Duration restartDelay, Duration maxRestartDelay, int maxAttempts) {

    /** The delay before automatic attempt {@code attempt} (1-based). */
    public Duration delayFor(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be 1 or more, got " + attempt);
        }
        long base = restartDelay.toNanos();
        long cap = maxRestartDelay.toNanos();
        int shift = Math.min(attempt - 1, 62);
        long delay = base == 0 ? 0 : (base > (cap >> shift) ? cap : base << shift);
        return Duration.ofNanos(Math.min(delay, cap));
    }

    /** Whether {@code attemptsMade} automatic attempts leave none. */
    public boolean exhausted(int attemptsMade) {
        return attemptsMade >= maxAttempts;
    }
}
