package io.sideeye.spring.boot;

import io.sideeye.service.DjangoServiceManager;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The part the health indicators of Spring Boot 3 and 4 share: each call reads the manager's
 * {@link HealthReport}; a subclass only says how its Spring Boot version writes UP or DOWN with details.
 *
 * @param <H> the {@code Health} type of the Spring Boot version
 */
abstract class ReportedHealth<H> {
    private final DjangoServiceManager manager;
    private final BiFunction<Boolean, Map<String, Object>, H> toHealth;

    /** @param toHealth UP (true) or DOWN with the details, in the Spring Boot version's form */
    ReportedHealth(DjangoServiceManager manager, BiFunction<Boolean, Map<String, Object>, H> toHealth) {
        this.manager = manager;
        this.toHealth = toHealth;
    }

    /** The backend's health now, read from the manager's status. */
    public H health() {
        HealthReport report = HealthReport.of(manager);
        return toHealth.apply(report.up(), report.details());
    }
}
