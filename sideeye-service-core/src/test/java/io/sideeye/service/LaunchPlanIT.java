package io.sideeye.service;

import static io.sideeye.service.testsupport.TestServerScript.PYTHON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan is what the manager's own resolution gives, with a real interpreter. */
class LaunchPlanIT {

    @TempDir
    Path temp;

    private static Path project() throws Exception {
        return Path.of(LaunchPlanIT.class.getResource("/djangoproject/manage.py").toURI()).getParent();
    }

    @Test
    void presetResolvesToTheInterpreterServerAndSettings() throws Exception {
        ServiceConfig config = DjangoServiceManager.builder().projectDir(project()).python(PYTHON)
                .server(ServerKind.RUNSERVER).port(8123).environment(Map.of("B", "2", "A", "1")).config();

        LaunchPlan plan = LaunchPlan.resolve(config);

        assertThat(plan.argv()).containsExactly(PYTHON, project().resolve("manage.py").toString(), "runserver",
                "--noreload", "127.0.0.1:8123");
        assertThat(plan.workingDirectory()).isEqualTo(project().toAbsolutePath().normalize());
        assertThat(plan.interpreter()).isEqualTo(PYTHON);
        assertThat(plan.environment()).containsExactly(Map.entry("PYTHONUNBUFFERED", "1"),
                Map.entry("DJANGO_SETTINGS_MODULE", "miniproject.settings"), Map.entry("A", "1"), Map.entry("B", "2"));
        assertThat(plan.healthUrl()).hasToString("http://127.0.0.1:8123/api/health/");
        assertThat(plan.description()).contains("runserver");
        assertThat(plan.environment()).doesNotContainKeys("SIDEEYE_INSTANCE_ID", "SIDEEYE_API_TOKEN",
                "SIDEEYE_PARENT_PID");
    }

    @Test
    void customCommandGetsAnAbsoluteExecutableAndExpandedPlaceholders() throws Exception {
        ServiceConfig config = DjangoServiceManager.builder().projectDir(temp).port(9000).host("localhost")
                .command(List.of("python3", "app.py", "--bind", "{host}:{port}")).config();

        LaunchPlan plan = LaunchPlan.resolve(config);

        assertThat(Path.of(plan.argv().get(0))).isAbsolute().endsWith(Path.of("python3"));
        assertThat(plan.argv().subList(1, 4)).containsExactly("app.py", "--bind", "127.0.0.1:9000");
        assertThat(plan.interpreter()).isNull();
    }

    @Test
    void relativeExecutableIsTakenFromTheProjectFolder() throws Exception {
        Files.createDirectories(temp.resolve("bin"));
        ServiceConfig config = DjangoServiceManager.builder().projectDir(temp).port(9000)
                .command(List.of("bin/../bin/serve", "{port}")).config();

        assertThat(LaunchPlan.resolve(config).argv())
                .containsExactly(temp.toAbsolutePath().normalize().resolve("bin/serve").toString(), "9000");
    }

    @Test
    void refusesWhatHasNoFixedCommand() throws Exception {
        assertThatThrownBy(() -> LaunchPlan.resolve(DjangoServiceManager.builder().projectDir(temp).port(0).config()))
                .isInstanceOf(ServiceConfigException.class).hasMessageContaining("port: 0")
                .hasMessageContaining("set a fixed port");
        assertThatThrownBy(() -> LaunchPlan.resolve(DjangoServiceManager.builder().dev(true).port(8000).config()))
                .isInstanceOf(ServiceConfigException.class).hasMessageContaining("isDev");
        assertThatThrownBy(() -> LaunchPlan.resolve(DjangoServiceManager.builder().port(8000)
                .external("http://127.0.0.1:8000").config()))
                .isInstanceOf(ServiceConfigException.class)
                .hasMessageContaining("external: the service runs elsewhere (http://127.0.0.1:8000)");
        assertThatThrownBy(() -> LaunchPlan.resolve(DjangoServiceManager.builder().projectDir(temp).port(9000)
                .command(List.of("no-such-program-sideeye", "{port}")).config()))
                .isInstanceOf(ServiceConfigException.class)
                .hasMessageContaining("'no-such-program-sideeye' is not found on PATH");
    }

    @Test
    void unusableInterpreterIsAConfigurationErrorThatSaysWhy() {
        assertThatThrownBy(() -> LaunchPlan.resolve(DjangoServiceManager.builder().projectDir(temp).port(9000)
                .python(temp.resolve("missing/python").toString()).config()))
                .isInstanceOf(ServiceConfigException.class)
                .satisfies(e -> assertThat(((ServiceConfigException) e).field()).isEqualTo("command"))
                .hasMessageContaining("missing/python");
    }
}
