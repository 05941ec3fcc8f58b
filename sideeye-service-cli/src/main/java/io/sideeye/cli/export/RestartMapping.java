package io.sideeye.cli.export;

import io.sideeye.service.ServiceConfig;
import java.time.Duration;

/**
 * The manager's restart policy in systemd's terms. The manager waits
 * {@code min(restartDelay × 2^(n-1), maxRestartDelay)} before attempt n and gives up (FAILED)
 * after {@code maxRestartAttempts} attempts that each ran less than {@code restartResetAfter}.
 * systemd (254 and later) grows {@code RestartSec} to {@code RestartMaxDelaySec} exponentially in
 * {@code RestartSteps} steps, and refuses a start once {@code StartLimitBurst} starts fell within
 * {@code StartLimitIntervalSec}.
 */
final class RestartMapping {
    private final ServiceConfig config;

    RestartMapping(ServiceConfig config) {
        this.config = config;
    }

    /** Whether the service is restarted automatically at all ({@code maxRestartAttempts > 0}). */
    boolean restarts() {
        return config.maxRestartAttempts() > 0;
    }

    /**
     * The doublings from {@code restartDelay} to {@code maxRestartDelay}: the step after which
     * the manager's delay reaches the cap. 0 when the delay never grows (it is 0, or the cap).
     */
    int steps() {
        long delay = config.restartDelay().toMillis();
        long cap = config.maxRestartDelay().toMillis();
        if (delay == 0) {
            return 0;
        }
        int steps = 0;
        for (long d = delay; d < cap; d *= 2) {
            steps++;
        }
        return steps;
    }

    /** Starts allowed in a burst: the first start and every automatic restart. */
    int startLimitBurst() {
        return config.maxRestartAttempts() + 1;
    }

    /**
     * A window that holds the manager's whole burst: every backoff delay, plus one
     * {@code restartResetAfter} per start (a start that ran longer would have reset the
     * manager's count).
     */
    Duration startLimitInterval() {
        Duration total = config.restartResetAfter().multipliedBy(startLimitBurst());
        for (int n = 1; n <= config.maxRestartAttempts(); n++) {
            total = total.plus(delayFor(n));
        }
        return total;
    }

    /** The manager's delay before attempt {@code n}, as documented in CONFIG.md. */
    Duration delayFor(int n) {
        long delay = config.restartDelay().toMillis();
        long cap = config.maxRestartDelay().toMillis();
        int shift = Math.min(n - 1, 62);
        return Duration.ofMillis(delay == 0 ? 0 : delay > (cap >> shift) ? cap : Math.min(delay << shift, cap));
    }
}
