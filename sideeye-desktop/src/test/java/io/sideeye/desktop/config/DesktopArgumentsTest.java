package io.sideeye.desktop.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sideeye.service.ServiceConfig;
import io.sideeye.service.ServiceConfigException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesktopArgumentsTest {

    @Test
    void parsesEveryOptionInBothSpellings() {
        assertThat(DesktopArguments.parse(List.of("--project", "app", "--port", "9000", "--dev")))
                .isEqualTo(new DesktopArguments(Path.of("app"), 9000, true, false));
        assertThat(DesktopArguments.parse(List.of("--project=app", "--port=auto")))
                .isEqualTo(new DesktopArguments(Path.of("app"), 0, false, false));
        assertThat(DesktopArguments.parse(List.of()).project()).isNull();
        assertThat(DesktopArguments.parse(List.of("-h")).help()).isTrue();
    }

    @Test
    void takesAnInterpreterAndTheHeadlessCheck() {
        DesktopArguments parsed = DesktopArguments.parse(List.of("--python", "/usr/bin/python3", "--check"));
        assertThat(parsed.python()).isEqualTo("/usr/bin/python3");
        assertThat(parsed.check()).isTrue();
        assertThat(DesktopArguments.parse(List.of("--python=python3")).check()).isFalse();
        assertThatThrownBy(() -> DesktopArguments.parse(List.of("--python", " ")))
                .hasMessage("--python: needs an interpreter, e.g. --python /usr/bin/python3");
        assertThatThrownBy(() -> DesktopArguments.parse(List.of("--check=1"))).hasMessage("--check takes no value; write just --check");
    }

    @Test
    void badArgumentsSayWhatIsAllowed() {
        assertThatThrownBy(() -> DesktopArguments.parse(List.of("--port", "http")))
                .hasMessage("--port: 'http' is not a port; use 1 to 65535, or auto for a free port");
        assertThatThrownBy(() -> DesktopArguments.parse(List.of("--port", "70000"))).hasMessageContaining("1 to 65535");
        assertThatThrownBy(() -> DesktopArguments.parse(List.of("--project")))
                .hasMessage("--project: needs a value (--project DIR)");
        assertThatThrownBy(() -> DesktopArguments.parse(List.of("--project", "--dev")))
                .hasMessage("--project: needs a value (--project DIR)");
        assertThatThrownBy(() -> DesktopArguments.parse(List.of("--dev=yes"))).hasMessage("--dev takes no value; write just --dev");
        assertThat(DesktopArguments.parse(List.of("-c", "my.yaml", "--profile=prod")))
                .isEqualTo(new DesktopArguments(Path.of("my.yaml"), "prod", null, null, false, false));
        assertThatThrownBy(() -> DesktopArguments.parse(List.of("--verbose")))
                .hasMessage("unknown argument '--verbose'; valid: -c FILE, --profile NAME, --project DIR, --port N|auto, --python EXE, --dev, --check, --help");
    }

    @Test
    void theSourcePicksAFreePortByDefaultAndTheSeedsPortInDevMode(@TempDir Path project) {
        ServiceConfig managed = new ArgumentConfigSource(new DesktopArguments(project, null, false, false)).load();
        assertThat(managed.port()).isZero();
        assertThat(managed.dev()).isFalse();
        assertThat(managed.projectDir()).isEqualTo(project);

        ServiceConfig dev = new ArgumentConfigSource(new DesktopArguments(null, null, true, false)).load();
        assertThat(dev.port()).isEqualTo(8000);
        assertThat(dev.dev()).isTrue();
        assertThat(new ArgumentConfigSource(new DesktopArguments(null, 8124, true, false)).load().port()).isEqualTo(8124);
    }

    @Test
    void aMissingProjectIsAConfigErrorNamingTheFolder(@TempDir Path dir) {
        Path missing = dir.resolve("nowhere");
        assertThatThrownBy(() -> new ArgumentConfigSource(new DesktopArguments(missing, null, false, false)).load())
                .isInstanceOf(ServiceConfigException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
    }
}
