package io.sideeye.spring.boot;

import io.sideeye.service.DjangoServiceManager;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Actuator health of the backend on Spring Boot 3 ({@code /actuator/health/sideeye}), read from
 * the manager's status: no request is made, the manager's own periodic checks keep it current.
 *
 * <p>UP while the backend runs (or, attached, answers) and its last check passed; DOWN in every
 * other state ({@code STARTING}, {@code BACKOFF} between restarts, {@code FAILED}, {@code STOPPED})
 * or after a failed check. Details: {@code state}, {@code url}, {@code pid}, {@code uptimeMs},
 * {@code restartsTotal}, {@code restartAttempts}, the last check's {@code status},
 * {@code latencyMs} and {@code error}, and {@code lastError}. Secrets never appear.
 * {@link SideEyeBoot4HealthIndicator} reports the same on Spring Boot 4.
 */
public class SideEyeHealthIndicator extends ReportedHealth<Health> implements HealthIndicator {
    /** Reports on {@code manager}. */
    public SideEyeHealthIndicator(DjangoServiceManager manager) {
        super(manager, (up, details) -> (up ? Health.up() : Health.down()).withDetails(details).build());
    }
}
