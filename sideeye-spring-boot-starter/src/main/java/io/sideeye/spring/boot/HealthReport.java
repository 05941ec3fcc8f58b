package io.sideeye.spring.boot;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.HealthCheckResult;
import io.sideeye.service.ServiceState;
import io.sideeye.service.ServiceStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the health indicators (Spring Boot 3's and 4's) report, read from the manager's status:
 * UP while the backend runs (or, attached, answers) and its last check passed, DOWN otherwise,
 * with the details. No request is made; the manager's own periodic checks keep it current.
 *
 * @param up      whether the backend serves
 * @param details {@code state}, {@code url}, {@code pid}, {@code uptimeMs}, {@code restartsTotal},
 *                {@code restartAttempts}, {@code lastHealthCheck} and {@code lastError}, where known
 */
record HealthReport(boolean up, Map<String, Object> details) {

    static HealthReport of(DjangoServiceManager manager) {
        ServiceStatus status = manager.getStatus();
        HealthCheckResult check = status.lastHealthCheck();
        boolean serving = status.state() == ServiceState.RUNNING
                || (status.state() == ServiceState.EXTERNAL && check != null);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", status.state().name());
        if (status.url() != null) {
            details.put("url", status.url());
        }
        if (status.pid() != null) {
            details.put("pid", status.pid());
        }
        details.put("uptimeMs", status.uptime());
        details.put("restartsTotal", status.restartsTotal());
        details.put("restartAttempts", status.restartAttempts());
        if (check != null) {
            Map<String, Object> last = new LinkedHashMap<>();
            last.put("healthy", check.healthy());
            last.put("status", check.status());
            last.put("latencyMs", check.latencyMs());
            last.put("timestamp", check.timestamp().toString());
            if (check.error() != null) {
                last.put("error", check.error());
            }
            details.put("lastHealthCheck", last);
        }
        if (status.lastError() != null) {
            details.put("lastError", status.lastError());
        }
        return new HealthReport(serving && (check == null || check.healthy()), details);
    }
}
