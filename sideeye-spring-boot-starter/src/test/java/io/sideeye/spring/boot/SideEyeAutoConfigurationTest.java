package io.sideeye.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceConfigException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** What is auto-configured, and that each bean backs off; nothing is started here (auto-startup=false). */
class SideEyeAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SideEyeAutoConfiguration.class,
                    SideEyeActuatorAutoConfiguration.class))
            .withPropertyValues("sideeye.lifecycle.auto-startup=false", "sideeye.port=0",
                    "sideeye.project-dir=" + BACKEND);

    /** An existing folder: the builder checks that projectDir exists. */
    static final Path BACKEND = Path.of("..", "backend").toAbsolutePath().normalize();

    @Test
    void configuresAManagerFromThePropertiesWithItsLifecycleHealthAndMeters() {
        runner.withPropertyValues("sideeye.name=api", "sideeye.host=127.0.0.1").run(context -> {
            DjangoServiceManager manager = context.getBean(DjangoServiceManager.class);
            assertThat(manager.config().name()).isEqualTo("api");
            assertThat(manager.config().projectDir()).isEqualTo(BACKEND);
            assertThat(manager.config().host()).isEqualTo("127.0.0.1");
            assertThat(context).hasSingleBean(SideEyeLifecycle.class).hasSingleBean(SideEyeHealthIndicator.class)
                    .hasSingleBean(SideEyeMetrics.class);
            assertThat(context.getBean(SideEyeLifecycle.class).isRunning()).isFalse();
        });
    }

    @Test
    void startsBeforeTheWebServerAndStopsAfterIt() {
        // the web server starts in SMART_LIFECYCLE_PHASE - 1024 and drains requests in SMART_LIFECYCLE_PHASE
        assertThat(SideEyeLifecycle.DEFAULT_PHASE)
                .isLessThan(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1024);
        runner.withPropertyValues("sideeye.lifecycle.phase=42")
                .run(context -> assertThat(context.getBean(SideEyeLifecycle.class).getPhase()).isEqualTo(42));
    }

    @Test
    void isOffWhenDisabled() {
        runner.withPropertyValues("sideeye.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean(DjangoServiceManager.class).doesNotHaveBean(SideEyeLifecycle.class)
                .doesNotHaveBean(SideEyeHealthIndicator.class).doesNotHaveBean(SideEyeMetrics.class));
    }

    @Test
    void anApplicationsOwnManagerIsRunAndWatchedInsteadOfOne() {
        runner.withUserConfiguration(OwnManager.class).run(context -> {
            assertThat(context).hasSingleBean(DjangoServiceManager.class).hasSingleBean(SideEyeLifecycle.class);
            assertThat(context.getBean(DjangoServiceManager.class).config().name()).isEqualTo("own");
        });
    }

    @Test
    void anApplicationsOwnBeansReplaceEachOfOurs() {
        runner.withUserConfiguration(OwnBeans.class).run(context -> assertThat(context)
                .getBean(SideEyeLifecycle.class).isSameAs(context.getBean("ownLifecycle")));
        runner.withUserConfiguration(OwnBeans.class).run(context -> assertThat(context)
                .getBean(SideEyeMetrics.class).isSameAs(context.getBean("ownMetrics")));
        runner.withUserConfiguration(OwnBeans.class).run(context -> assertThat(context)
                .doesNotHaveBean(SideEyeHealthIndicator.class).getBean("sideeyeHealthIndicator")
                .isInstanceOf(HealthIndicator.class));
    }

    @Test
    void theHealthIndicatorCanBeTurnedOff() {
        runner.withPropertyValues("management.health.sideeye.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(SideEyeHealthIndicator.class)
                        .hasSingleBean(DjangoServiceManager.class));
    }

    @Test
    void customizersRunAfterThePropertiesInOrder() {
        runner.withPropertyValues("sideeye.environment.A=from-properties").withUserConfiguration(Customizers.class)
                .run(context -> assertThat(context.getBean(DjangoServiceManager.class).config().environment())
                        .containsEntry("A", "second").containsEntry("B", "first"));
    }

    @Test
    void aBadValueStopsTheApplicationNamingTheSetting() {
        runner.withPropertyValues("sideeye.unhealthy-threshold=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ServiceConfigException.class)
                    .hasMessageContaining("unhealthyThreshold");
        });
    }

    @Test
    void aStoppedBackendIsDownWithItsState() {
        runner.run(context -> {
            var health = context.getBean(SideEyeHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("state", "STOPPED").containsEntry("restartsTotal", 0);
        });
    }

    @Test
    void metersDescribeTheState() {
        runner.run(context -> {
            MeterRegistry registry = new SimpleMeterRegistry();
            context.getBean(SideEyeMetrics.class).bindTo(registry);
            assertThat(registry.get("sideeye.state").tag("state", "STOPPED").gauge().value()).isEqualTo(1.0);
            assertThat(registry.get("sideeye.state").tag("state", "RUNNING").gauge().value()).isZero();
            assertThat(registry.get("sideeye.restarts").tag("service", "web").functionCounter().count()).isZero();
            assertThat(registry.get("sideeye.health.latency").tag("outcome", "healthy").timer().count()).isZero();
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnManager {
        @Bean
        DjangoServiceManager ownManager() {
            return DjangoServiceManager.builder().name("own").projectDir(BACKEND).port(0).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {
        @Bean
        SideEyeLifecycle ownLifecycle(DjangoServiceManager manager) {
            SideEyeProperties.Lifecycle settings = new SideEyeProperties.Lifecycle();
            settings.setAutoStartup(false);
            return new SideEyeLifecycle(manager, settings);
        }

        @Bean
        HealthIndicator sideeyeHealthIndicator() {
            return () -> Health.up().withDetail("own", true).build();
        }

        @Bean
        SideEyeMetrics ownMetrics(DjangoServiceManager manager) {
            return new SideEyeMetrics(manager);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizers {
        @Bean
        @Order(2)
        ServiceBuilderCustomizer second() {
            return builder -> builder.environment(Map.of("A", "second", "B", "first"));
        }

        @Bean
        @Order(1)
        ServiceBuilderCustomizer first() {
            return builder -> builder.environment(Map.of("A", "first", "B", "first"));
        }
    }
}
