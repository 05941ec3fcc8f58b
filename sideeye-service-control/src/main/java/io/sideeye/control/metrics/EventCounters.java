package io.sideeye.control.metrics;

import io.sideeye.service.ServiceEvent;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters derived from the manager's events (so calls made by any caller count, not only those
 * through the control server) and from the control server's own API-call route.
 */
public final class EventCounters {
    private final LongAdder healthy = new LongAdder();
    private final LongAdder unhealthy = new LongAdder();
    private final LongAdder apiErrors = new LongAdder();
    private final LongAdder processExits = new LongAdder();
    private final LongAdder logLines = new LongAdder();
    private final LongAdder controlApiOk = new LongAdder();
    private final LongAdder controlApiFailed = new LongAdder();

    /** Counts one event of the manager. */
    public void record(ServiceEvent event) {
        if (event instanceof ServiceEvent.Healthy) {
            healthy.increment();
        } else if (event instanceof ServiceEvent.Unhealthy) {
            unhealthy.increment();
        } else if (event instanceof ServiceEvent.ApiError) {
            apiErrors.increment();
        } else if (event instanceof ServiceEvent.ProcessExit) {
            processExits.increment();
        } else if (event instanceof ServiceEvent.Stdout || event instanceof ServiceEvent.Stderr) {
            logLines.increment();
        }
    }

    /** Counts one API call made through {@code /ipc/django-api-call}. */
    public void recordControlApiCall(boolean success) {
        (success ? controlApiOk : controlApiFailed).increment();
    }

    long healthy() { return healthy.sum(); }
    long unhealthy() { return unhealthy.sum(); }
    long apiErrors() { return apiErrors.sum(); }
    long processExits() { return processExits.sum(); }
    long logLines() { return logLines.sum(); }
    long controlApiOk() { return controlApiOk.sum(); }
    long controlApiFailed() { return controlApiFailed.sum(); }
}
