package io.sideeye.spring.boot;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.sideeye.service.DjangoServiceManager;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The backend's Actuator health indicator ({@code sideeye}; off with
 * {@code management.health.sideeye.enabled=false}) and Micrometer meters, each when its library
 * is on the class path and a {@link DjangoServiceManager} bean exists (auto-configured or the
 * application's own). Spring Boot 3 and 4 keep the health API in different packages: one nested
 * configuration serves each, chosen by which API is present (class names as text, so that
 * neither version's classes are loaded on the other).
 */
@AutoConfiguration(after = SideEyeAutoConfiguration.class)
@ConditionalOnClass(DjangoServiceManager.class)
@ConditionalOnBean(DjangoServiceManager.class)
public class SideEyeActuatorAutoConfiguration {

    /** {@code /actuator/health/sideeye} on Spring Boot 3. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    @org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator("sideeye")
    static class Boot3Health {
        @Bean
        @ConditionalOnMissingBean(name = "sideeyeHealthIndicator")
        SideEyeHealthIndicator sideeyeHealthIndicator(DjangoServiceManager manager) {
            return new SideEyeHealthIndicator(manager);
        }
    }

    /** {@code /actuator/health/sideeye} on Spring Boot 4 (where Boot 3's health API is gone). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    @ConditionalOnMissingClass("org.springframework.boot.actuate.health.HealthIndicator")
    @org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator("sideeye")
    static class Boot4Health {
        @Bean
        @ConditionalOnMissingBean(name = "sideeyeHealthIndicator")
        SideEyeBoot4HealthIndicator sideeyeHealthIndicator(DjangoServiceManager manager) {
            return new SideEyeBoot4HealthIndicator(manager);
        }
    }

    /** {@code sideeye.*} meters, bound to every registry Spring Boot configures. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    static class Metrics {
        @Bean
        @ConditionalOnMissingBean
        SideEyeMetrics sideEyeMetrics(DjangoServiceManager manager) {
            return new SideEyeMetrics(manager);
        }
    }
}
