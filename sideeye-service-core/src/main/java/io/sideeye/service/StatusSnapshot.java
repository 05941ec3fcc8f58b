package io.sideeye.service;

/**
 * What the supervisor publishes after every transition, read lock-free by any thread. Holds
 * the current attempt's token for API calls; the token never leaves through {@link #toStatus}.
 */
record StatusSnapshot(ServiceState state, int restartAttempts, int restartsTotal, HealthCheckResult lastHealth,
                      Long pid, long runningSinceNanos, String baseUrl, int port, ExitInfo lastExit,
                      String lastError, String token, String instanceId) {

    static StatusSnapshot initial(ServiceConfig config) {
        int port = ServiceUrls.servicePort(config);
        return new StatusSnapshot(ServiceState.STOPPED, 0, 0, null, null, 0,
                port == 0 ? null : ServiceUrls.baseUrl(config, port), port, null, null, null, null);
    }

    /** This snapshot with another last health check result. */
    StatusSnapshot withLastHealth(HealthCheckResult health) {
        return new StatusSnapshot(state, restartAttempts, restartsTotal, health, pid, runningSinceNanos, baseUrl,
                port, lastExit, lastError, token, instanceId);
    }

    ServiceStatus toStatus(long nowNanos, LatencyFigures latencies, boolean attached, boolean remote,
                           boolean identityChecked, String restartMode) {
        boolean running = state == ServiceState.RUNNING
                || (state == ServiceState.EXTERNAL && lastHealth != null && lastHealth.healthy());
        long uptime = running && runningSinceNanos != 0 ? Math.max(0, (nowNanos - runningSinceNanos) / 1_000_000) : 0;
        return new ServiceStatus(running, state == ServiceState.STARTING, state == ServiceState.STOPPING,
                restartAttempts, lastHealth, pid, uptime, state, baseUrl, port, restartsTotal, lastExit, lastError,
                latencies.health(), latencies.api(), attached, remote, identityChecked,
                attached ? null : restartMode);
    }

    /** The rolling latency summaries included in a status. */
    record LatencyFigures(LatencySummary health, LatencySummary api) {
    }
}
