package io.sideeye.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SideEyePropertiesTest {

    @Test
    void defaultsAreTheLibrarysDefaults() {
        ServiceConfig fromProperties = new SideEyeProperties().applyTo(DjangoServiceManager.builder()).config();

        assertThat(fromProperties).isEqualTo(DjangoServiceManager.builder().config());
    }

    @Test
    void everyKindOfValueBindsInSpringsForms(@TempDir Path project) {
        Map<String, String> source = Map.of(
                "sideeye.project-dir", relative(project),
                "sideeye.port", "0",
                "sideeye.restart-delay", "250ms",
                "sideeye.health-check-interval", "PT2S",
                "sideeye.max-response-bytes", "1MB",
                "sideeye.server", "waitress",
                "sideeye.environment.SIDEEYE_DATA_DIR", "/var/lib/app",
                "sideeye.command[0]", "{python}",
                "sideeye.command[1]", "serve.py",
                "sideeye.lifecycle.auto-startup", "false");
        SideEyeProperties properties = new Binder(new MapConfigurationPropertySource(source))
                .bind("sideeye", SideEyeProperties.class).get();

        ServiceConfig config = properties.applyTo(DjangoServiceManager.builder()).config();

        assertThat(config.projectDir().toAbsolutePath().normalize()).isEqualTo(project.toAbsolutePath().normalize());
        assertThat(config.port()).isZero();
        assertThat(config.restartDelay()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.healthCheckInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.maxResponseBytes()).isEqualTo(1024 * 1024);
        assertThat(config.server()).hasToString("WAITRESS");
        assertThat(config.environment()).containsEntry("SIDEEYE_DATA_DIR", "/var/lib/app");
        assertThat(config.command()).isEqualTo(List.of("{python}", "serve.py"));
        assertThat(properties.getLifecycle().isAutoStartup()).isFalse();
        assertThat(properties.getLifecycle().getPhase()).isEqualTo(SideEyeLifecycle.DEFAULT_PHASE);
    }

    /** {@code ../..}-style: a relative path that leaves the working directory, as an application beside its backend has. */
    private static String relative(Path folder) {
        return Path.of("").toAbsolutePath().relativize(folder.toAbsolutePath()).toString();
    }
}
