package io.sideeye.control.metrics;

import io.sideeye.service.ServiceEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters per service, derived from the services' events (so calls made by any caller count,
 * not only those through the control server) and from the control server's own API-call route.
 * A service's counters live as long as the control server, across attached groups.
 */
public final class EventCounters {
    private final Map<String, Counts> byService = new ConcurrentHashMap<>();
    private final Map<String, LatencyHistogram> latencies = new ConcurrentHashMap<>();

    /** Counts one event of instance {@code instance} of service {@code service}. */
    public void record(String service, int instance, ServiceEvent event) {
        if (event instanceof ServiceEvent.Healthy h) {
            latency(service, instance).observe(h.latencyMs() / 1000.0);
        } else if (event instanceof ServiceEvent.Unhealthy u && u.status() != 0) {
            latency(service, instance).observe(u.latencyMs() / 1000.0); // an answer, if a bad one: it took this long
        }
        record(service, event);
    }

    /** The health-check latency histogram of one instance. */
    LatencyHistogram latency(String service, int instance) {
        return latencies.computeIfAbsent(service + "#" + instance, k -> new LatencyHistogram());
    }

    /** Counts one event of service {@code service}. */
    public void record(String service, ServiceEvent event) {
        Counts c = of(service);
        if (event instanceof ServiceEvent.Healthy) {
            c.healthy.increment();
        } else if (event instanceof ServiceEvent.Unhealthy) {
            c.unhealthy.increment();
        } else if (event instanceof ServiceEvent.ApiError) {
            c.apiErrors.increment();
        } else if (event instanceof ServiceEvent.ProcessExit) {
            c.processExits.increment();
        } else if (event instanceof ServiceEvent.Stdout || event instanceof ServiceEvent.Stderr) {
            c.logLines.increment();
        }
    }

    /** Counts one API call to {@code service} made through {@code /ipc/django-api-call}. */
    public void recordControlApiCall(String service, boolean success) {
        Counts c = of(service);
        (success ? c.controlApiOk : c.controlApiFailed).increment();
    }

    /** The counts of {@code service} (zero for one never seen). */
    Counts of(String service) {
        return byService.computeIfAbsent(service, s -> new Counts());
    }

    /** One service's counters. */
    static final class Counts {
        private final LongAdder healthy = new LongAdder();
        private final LongAdder unhealthy = new LongAdder();
        private final LongAdder apiErrors = new LongAdder();
        private final LongAdder processExits = new LongAdder();
        private final LongAdder logLines = new LongAdder();
        private final LongAdder controlApiOk = new LongAdder();
        private final LongAdder controlApiFailed = new LongAdder();

        long healthy() { return healthy.sum(); }
        long unhealthy() { return unhealthy.sum(); }
        long apiErrors() { return apiErrors.sum(); }
        long processExits() { return processExits.sum(); }
        long logLines() { return logLines.sum(); }
        long controlApiOk() { return controlApiOk.sum(); }
        long controlApiFailed() { return controlApiFailed.sum(); }
    }
}
