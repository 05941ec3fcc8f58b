package io.sideeye.spring.boot;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.HealthCheckResult;
import io.sideeye.service.ServiceState;
import io.sideeye.service.ServiceStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Actuator health of the backend ({@code /actuator/health/sideeye}), read from the manager's
 * status: no request is made, the manager's own periodic checks keep it current.
 *
 * <p>UP while the backend runs (or, attached, answers) and its last check passed; DOWN in every
 * other state ({@code STARTING}, {@code BACKOFF} between restarts, {@code FAILED}, {@code STOPPED})
 * or after a failed check. Details: {@code state}, {@code url}, {@code pid}, {@code uptimeMs},
 * {@code restartsTotal}, {@code restartAttempts}, the last check's {@code status},
 * {@code latencyMs} and {@code error}, and {@code lastError}. Secrets never appear.
 */
public class SideEyeHealthIndicator implements HealthIndicator {
    private final DjangoServiceManager manager;

    /** Reports on {@code manager}. */
    public SideEyeHealthIndicator(DjangoServiceManager manager) {
        this.manager = manager;
    }

    @Override
    public Health health() {
        ServiceStatus status = manager.getStatus();
        HealthCheckResult check = status.lastHealthCheck();
        boolean serving = status.state() == ServiceState.RUNNING
                || (status.state() == ServiceState.EXTERNAL && check != null);
        Health.Builder health = serving && (check == null || check.healthy()) ? Health.up() : Health.down();
        health.withDetail("state", status.state().name());
        if (status.url() != null) {
            health.withDetail("url", status.url());
        }
        if (status.pid() != null) {
            health.withDetail("pid", status.pid());
        }
        health.withDetail("uptimeMs", status.uptime())
                .withDetail("restartsTotal", status.restartsTotal())
                .withDetail("restartAttempts", status.restartAttempts());
        if (check != null) {
            Map<String, Object> last = new LinkedHashMap<>();
            last.put("healthy", check.healthy());
            last.put("status", check.status());
            last.put("latencyMs", check.latencyMs());
            last.put("timestamp", check.timestamp().toString());
            if (check.error() != null) {
                last.put("error", check.error());
            }
            health.withDetail("lastHealthCheck", last);
        }
        if (status.lastError() != null) {
            health.withDetail("lastError", status.lastError());
        }
        return health.build();
    }
}
