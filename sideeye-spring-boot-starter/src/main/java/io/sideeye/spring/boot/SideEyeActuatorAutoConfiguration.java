package io.sideeye.spring.boot;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.sideeye.service.DjangoServiceManager;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The backend's Actuator health indicator ({@code sideeye}; off with
 * {@code management.health.sideeye.enabled=false}) and Micrometer meters, each when its library
 * is on the class path and a {@link DjangoServiceManager} bean exists (auto-configured or the
 * application's own).
 */
@AutoConfiguration(after = SideEyeAutoConfiguration.class)
@ConditionalOnClass(DjangoServiceManager.class)
@ConditionalOnBean(DjangoServiceManager.class)
public class SideEyeActuatorAutoConfiguration {

    /** {@code /actuator/health/sideeye}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("sideeye")
    static class Health {
        @Bean
        @ConditionalOnMissingBean(name = "sideeyeHealthIndicator")
        SideEyeHealthIndicator sideeyeHealthIndicator(DjangoServiceManager manager) {
            return new SideEyeHealthIndicator(manager);
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
