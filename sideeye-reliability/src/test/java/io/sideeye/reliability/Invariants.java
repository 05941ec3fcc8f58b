package io.sideeye.reliability;

import io.sideeye.service.ServiceConfig;
import io.sideeye.service.ServiceEvent;
import java.time.Duration;
import java.util.List;

/**
 * The ordering and backoff rules a manager's lifecycle events must obey, checked over any
 * prefix of the stream (a start still under way at the end of the prefix is allowed).
 */
final class Invariants {
    private Invariants() {
    }

    /**
     * Every {@code starting} ends in {@code started} or {@code error} before the next
     * {@code starting}; after {@code stopped} nothing but {@code starting} may come (informational
     * events and the {@code api-error} of a call that was in flight excepted); an automatic
     * {@code restarting} (attempt 1 or more; attempt 0 is a restart() call) announces the
     * policy's delay and the next {@code starting} comes no sooner.
     *
     * @throws AssertionError naming the offending event and its neighbours
     */
    static void check(List<ServiceEvent> events, ServiceConfig config) {
        boolean startOpen = false;
        boolean stopped = false;
        ServiceEvent.Restarting pendingRestart = null;
        for (int i = 0; i < events.size(); i++) {
            ServiceEvent e = events.get(i);
            switch (e.name()) {
                case "starting" -> {
                    require(!startOpen, events, i, "a starting whose start never ended");
                    if (pendingRestart != null) {
                        Duration waited = Duration.between(pendingRestart.timestamp(), e.timestamp());
                        require(waited.toMillis() >= pendingRestart.delayMs(), events, i,
                                "a restart after " + waited.toMillis() + " ms, sooner than the announced "
                                        + pendingRestart.delayMs() + " ms");
                        pendingRestart = null;
                    }
                    startOpen = true;
                    stopped = false;
                }
                case "started" -> {
                    require(startOpen, events, i, "started without starting");
                    startOpen = false;
                }
                case "error" -> startOpen = false;
                case "restarting" -> {
                    ServiceEvent.Restarting r = (ServiceEvent.Restarting) e;
                    if (r.attempt() == 0) {
                        require(r.delayMs() == 0, events, i, "a restart() call announced with a delay");
                        continue; // restart() called by the user: no backoff applies
                    }
                    long expected = delay(config, r.attempt());
                    require(r.delayMs() == expected, events, i, "restart delay " + r.delayMs()
                            + " ms where the policy gives " + expected + " ms for attempt " + r.attempt());
                    require(r.attempt() <= config.maxRestartAttempts(), events, i, "attempt beyond the maximum");
                    pendingRestart = r;
                }
                case "stopped" -> {
                    require(!startOpen, events, i, "stopped while a start is still open");
                    stopped = true;
                    pendingRestart = null;
                }
                case "info", "warning", "api-error" -> {
                    // informational, or the outcome of an API call that was in flight when the
                    // service stopped: allowed anywhere
                }
                default -> require(!stopped, events, i, "an event after stopped before the next starting");
            }
        }
    }

    /** The backoff: min(restartDelay x 2^(n-1), maxRestartDelay), in milliseconds. */
    static long delay(ServiceConfig config, int attempt) {
        long first = config.restartDelay().toMillis();
        long cap = config.maxRestartDelay().toMillis();
        long d = first;
        for (int n = 1; n < attempt && d < cap; n++) {
            d *= 2;
        }
        return Math.min(d, cap);
    }

    private static void require(boolean ok, List<ServiceEvent> events, int i, String what) {
        if (!ok) {
            List<ServiceEvent> around = events.subList(Math.max(0, i - 6), Math.min(events.size(), i + 3));
            throw new AssertionError(what + " at event " + i + " (" + events.get(i) + "); around it: " + around);
        }
    }
}
