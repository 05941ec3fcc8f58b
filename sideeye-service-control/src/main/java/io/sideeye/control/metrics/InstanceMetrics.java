package io.sideeye.control.metrics;

import io.sideeye.service.HealthCheckResult;
import io.sideeye.service.LatencySummary;
import io.sideeye.service.ServiceState;
import io.sideeye.service.ServiceStatus;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The per-instance metric families: each family once, with one sample per instance labelled
 * {@code service} and {@code instance} (the text format wants a family's samples together).
 */
final class InstanceMetrics {
    private InstanceMetrics() {
    }

    /**
     * One instance's figures.
     *
     * @param service  the service's name
     * @param instance the 1-based instance number
     * @param status   its status
     * @param tree     its process tree
     */
    record Instance(String service, int instance, ServiceStatus status, ProcessTreeSample tree) {
        String[] labels(String... more) {
            String[] all = new String[4 + more.length];
            all[0] = "service";
            all[1] = service;
            all[2] = "instance";
            all[3] = Integer.toString(instance);
            System.arraycopy(more, 0, all, 4, more.length);
            return all;
        }
    }

    static void write(PrometheusText t, List<Instance> instances) {
        each(t, instances, "sideeye_service_up", "gauge", "Whether the service instance is running (1) or not (0).",
                i -> i.status().isRunning() ? 1 : 0);
        t.family("sideeye_service_state", "gauge", "The lifecycle state: 1 for the current one, 0 for the others.");
        for (Instance i : instances) {
            for (ServiceState state : ServiceState.values()) {
                t.sample("sideeye_service_state", state == i.status().state() ? 1 : 0,
                        i.labels("state", state.name().toLowerCase(Locale.ROOT)));
            }
        }
        t.family("sideeye_service_restarts_total", "counter", "Automatic restarts since the manager was created.");
        instances.forEach(i -> t.sample("sideeye_service_restarts_total", (long) i.status().restartsTotal(), i.labels()));
        each(t, instances, "sideeye_service_restart_attempts", "gauge",
                "Automatic restart attempts in the current streak.", i -> i.status().restartAttempts());
        each(t, instances, "sideeye_service_uptime_seconds", "gauge", "Time since the instance became healthy.",
                i -> i.status().uptime() / 1000.0);
        List<Instance> checked = instances.stream().filter(i -> i.status().lastHealthCheck() != null).toList();
        each(t, checked, "sideeye_health_last_healthy", "gauge", "Whether the latest health check passed.",
                i -> i.status().lastHealthCheck().healthy() ? 1 : 0);
        each(t, checked, "sideeye_health_last_latency_seconds", "gauge", "Latency of the latest health check.",
                i -> lastLatency(i.status().lastHealthCheck()));
        latency(t, instances, "sideeye_health_latency_seconds", "health-check", true);
        latency(t, instances, "sideeye_api_latency_seconds", "API-call", false);
        each(t, instances, "sideeye_backend_processes", "gauge", "Processes in the instance's process tree.",
                i -> i.tree().processes());
        each(t, instances, "sideeye_backend_cpu_seconds_total", "counter",
                "CPU time used by the instance's live process tree.", i -> i.tree().cpuSeconds());
        each(t, instances, "sideeye_backend_cpu_usage_cores", "gauge",
                "CPU use of the instance's process tree, in cores.", i -> i.tree().cpuPercent() / 100.0);
        each(t, instances, "sideeye_backend_resident_memory_bytes", "gauge",
                "Resident memory of the instance's process tree.", i -> i.tree().residentBytes());
    }

    private static double lastLatency(HealthCheckResult last) {
        return last.latencyMs() / 1000.0;
    }

    /**
     * The recent window's latency as a summary: quantiles 0.5, 0.95 and 1 (the largest) as
     * {@code quantile} labels, and {@code _count} the samples in the window (the window moves, so
     * it is not a running total and there is no {@code _sum}; the health-check histogram
     * {@code sideeye_health_check_duration_seconds} carries the running totals).
     */
    private static void latency(PrometheusText t, List<Instance> instances, String name, String what, boolean health) {
        if (instances.isEmpty()) {
            return;
        }
        t.family(name, "summary", "Recent " + what + " latency (the last samples of each instance).");
        for (Instance i : instances) {
            LatencySummary l = summary(i, health);
            t.sample(name, l.p50() / 1000.0, i.labels("quantile", "0.5"));
            t.sample(name, l.p95() / 1000.0, i.labels("quantile", "0.95"));
            t.sample(name, l.max() / 1000.0, i.labels("quantile", "1"));
            t.sample(name + "_count", (long) l.count(), i.labels());
        }
    }

    private static LatencySummary summary(Instance i, boolean health) {
        LatencySummary l = health ? i.status().healthLatency() : i.status().apiLatency();
        return l == null ? LatencySummary.EMPTY : l;
    }

    private static void each(PrometheusText t, List<Instance> instances, String name, String type, String help,
                             ToDoubleFunction<Instance> value) {
        if (instances.isEmpty()) {
            return;
        }
        t.family(name, type, help);
        for (Instance i : instances) {
            t.sample(name, value.applyAsDouble(i), i.labels());
        }
    }
}
