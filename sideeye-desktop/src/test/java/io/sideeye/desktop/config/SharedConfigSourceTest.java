package io.sideeye.desktop.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sideeye.service.ServiceConfig;
import io.sideeye.service.ServiceConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedConfigSourceTest {

    @TempDir
    Path dir;

    private ServiceConfig load(Map<String, String> env, String... args) {
        return new SharedConfigSource(DesktopArguments.parse(List.of(args)), env, dir).load();
    }

    @Test
    void readsTheSameSideeyeYamlAsTheCommand() throws Exception {
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("sideeye.yaml"), String.join("\n",
                "projectDir: app", "port: 9123", "healthCheckInterval: 2s",
                "profiles:", "  slow:", "    startupTimeout: 90s", ""));
        ServiceConfig c = load(Map.of(), "--profile", "slow");
        assertThat(c.projectDir()).isEqualTo(dir.resolve("app"));
        assertThat(c.port()).isEqualTo(9123);
        assertThat(c.healthCheckInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.startupTimeout()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void environmentAndFlagsWinAsForTheCommand() throws Exception {
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("sideeye.yaml"), "projectDir: app\nport: 9123\n");
        assertThat(load(Map.of("SIDEEYE_PORT", "9200")).port()).isEqualTo(9200);
        assertThat(load(Map.of("SIDEEYE_PORT", "9200"), "--port", "9300").port()).isEqualTo(9300);
    }

    @Test
    void withoutAFileTheDesktopDefaultsApply() throws Exception {
        Files.createDirectories(dir.resolve("backend"));
        ServiceConfig c = load(Map.of());
        assertThat(c.projectDir()).isEqualTo(dir.resolve("backend"));
        assertThat(c.port()).isZero();
        assertThat(load(Map.of(), "--dev").port()).isEqualTo(8000);
    }

    @Test
    void aBadFileIsAConfigurationErrorNamingFileLineAndKey() throws Exception {
        Files.writeString(dir.resolve("sideeye.yaml"), "port: 8000\nhealthCheckIntervall: 2s\n");
        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(ServiceConfigException.class)
                .hasMessageContaining("sideeye.yaml:2")
                .hasMessageContaining("did you mean 'healthCheckInterval'");
    }
}
