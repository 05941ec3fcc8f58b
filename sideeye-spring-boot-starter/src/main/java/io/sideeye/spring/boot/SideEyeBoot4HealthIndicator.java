package io.sideeye.spring.boot;

import io.sideeye.service.DjangoServiceManager;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Actuator health of the backend on Spring Boot 4, where the health API moved to
 * {@code org.springframework.boot.health}: the same status and details as
 * {@link SideEyeHealthIndicator}.
 */
public class SideEyeBoot4HealthIndicator extends ReportedHealth<Health> implements HealthIndicator {
    /** Reports on {@code manager}. */
    public SideEyeBoot4HealthIndicator(DjangoServiceManager manager) {
        super(manager, (up, details) -> (up ? Health.up() : Health.down()).withDetails(details).build());
    }
}
