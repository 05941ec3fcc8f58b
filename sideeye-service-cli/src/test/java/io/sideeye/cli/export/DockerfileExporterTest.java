package io.sideeye.cli.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.HealthMode;
import io.sideeye.service.ServiceConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Dockerfile read back instruction by instruction, against the Deployment of the same plan. */
class DockerfileExporterTest {
    private static final List<String> COMMAND = List.of("python3", "-m", "waitress", "--listen=0.0.0.0:8000",
            "app.wsgi:application");

    @TempDir
    Path project;

    private ServiceConfig config(HealthMode mode) {
        return DjangoServiceManager.builder().projectDir(project).port(8000).healthMode(mode)
                .healthCheckInterval(Duration.ofSeconds(15)).healthCheckTimeout(Duration.ofMillis(2500))
                .unhealthyThreshold(4).startupTimeout(Duration.ofSeconds(45)).healthPath("/healthz/").config();
    }

    private ParsedDockerfile export(ServiceConfig config, Map<String, String> env, List<String> notes) {
        KubernetesService s = new KubernetesService("web", 1, config, COMMAND, env, List.of(), "IMAGE", "/app");
        Map<String, String> files = DockerfileExporter.export(s, "python:3.11-slim", notes);
        assertThat(files).containsOnlyKeys("Dockerfile", "Dockerfile.dockerignore");
        assertThat(files.get("Dockerfile.dockerignore").lines()).contains(".venv", "**/__pycache__", ".git");
        return ParsedDockerfile.parse(files.get("Dockerfile"));
    }

    @Test
    void theImageHoldsTheProjectAndItsRequirementsRunsAsNonRootAndChecksHealthWithThePolicy() throws IOException {
        Files.writeString(project.resolve("requirements.txt"), "Django>=3.2\nwaitress\n");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DJANGO_SETTINGS_MODULE", "app.settings");
        env.put("SIDEEYE_DATA_DIR", "/var/lib/sideeye");
        env.put("GREETING", "say \"hi\" at 100% of $HOME \\ here");
        env.put("DB_PASSWORD", "hunter2");
        List<String> notes = new ArrayList<>();
        ParsedDockerfile d = export(config(HealthMode.HTTP), env, notes);

        assertThat(d.instructions().get(0).keyword()).isEqualTo("FROM");
        assertThat(d.one("FROM").arguments()).isEqualTo("python:3.11-slim");
        assertThat(d.one("WORKDIR").arguments()).isEqualTo("/app");
        List<String> copies = d.all("COPY").stream().map(ParsedDockerfile.Instruction::arguments).toList();
        assertThat(copies).containsExactly("requirements.txt ./", ". .");
        int install = d.all("RUN").stream().map(ParsedDockerfile.Instruction::exec).toList()
                .indexOf(List.of("python3", "-m", "pip", "install", "-r", "requirements.txt"));
        assertThat(install).as("pip installs the requirements").isZero();
        assertThat(d.one("USER").arguments()).isEqualTo("10001:10001").doesNotStartWith("0").doesNotContain("root");
        assertThat(d.indexOf("USER")).isLessThan(d.indexOf("CMD")).isGreaterThan(d.indexOf("RUN"));
        assertThat(d.all("RUN").stream().map(ParsedDockerfile.Instruction::exec))
                .contains(List.of("install", "-d", "-m", "0700", "-o", "10001", "-g", "10001", "/var/lib/sideeye"));
        assertThat(d.one("CMD").exec()).isEqualTo(COMMAND);
        assertThat(d.one("EXPOSE").arguments()).isEqualTo("8000");

        Map<String, Object> check = d.healthcheck();
        assertThat(check).containsEntry("interval", "15s").containsEntry("timeout", "2500ms")
                .containsEntry("start-period", "45s").containsEntry("retries", "4");
        @SuppressWarnings("unchecked")
        List<String> argv = (List<String>) check.get("CMD");
        assertThat(argv).isEqualTo(DockerfileExporter.healthCheck(config(HealthMode.HTTP)));
        assertThat(argv.get(2)).contains("http://127.0.0.1:8000/healthz/", "'Host': 'localhost'", "timeout=2.5");

        assertThat(d.env()).containsEntry("DJANGO_SETTINGS_MODULE", "app.settings")
                .containsEntry("GREETING", "say \"hi\" at 100% of $HOME \\ here")
                .doesNotContainKeys("DB_PASSWORD", "SIDEEYE_API_TOKEN");
        assertThat(notes).isEmpty();
    }

    @Test
    void aProcessCheckedServiceHasNoHealthcheckAndAProjectWithoutRequirementsIsNoted() {
        List<String> notes = new ArrayList<>();
        ParsedDockerfile d = export(config(HealthMode.PROCESS), Map.of(), notes);

        assertThat(d.one("HEALTHCHECK").arguments()).isEqualTo("NONE");
        assertThat(d.all("EXPOSE")).isEmpty();
        assertThat(d.all("COPY").stream().map(ParsedDockerfile.Instruction::arguments)).containsExactly(". .");
        assertThat(notes).singleElement().asString().contains("has no requirements.txt");
    }

    @Test
    void aVariableWithALineBreakIsRefusedWithItsName() {
        assertThatThrownBy(() -> export(config(HealthMode.HTTP), Map.of("MOTD", "a\nb"), new ArrayList<>()))
                .isInstanceOf(ExportException.class).hasMessageContaining("environment variable MOTD");
    }
}
