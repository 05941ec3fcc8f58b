package io.sideeye.cli.init;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.config.ConfigKey;
import io.sideeye.service.ServerKind;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigTemplateTest {
    private static ProjectFacts facts(Path project, String python) {
        return new ProjectFacts(project, python, ".venv in the project", "Python 3.11.2, Django 3.2.25", "mysite.settings",
                "read from manage.py", project.resolve("mysite/settings.py").toString(), "mysite.wsgi:application", false,
                ServerKind.AUTO, "waitress 2.1.2, gunicorn not installed, uvicorn not installed", "auto", "/api/health/",
                "sideeye_health.views.health", false);
    }

    @Test
    void pathsBelowTheFilesFolderAreRelativeAndOthersAbsolute() {
        Path project = Path.of("/srv/mysite");
        String inside = ConfigTemplate.render(facts(project, "/srv/mysite/.venv/bin/python"), project);
        assertThat(inside).contains("projectDir: .\n", "python: .venv/bin/python\n",
                "# The interpreter (.venv in the project; Python 3.11.2, Django 3.2.25).\n");
        String outside = ConfigTemplate.render(facts(project, "/usr/bin/python3"), Path.of("/etc/sideeye"));
        assertThat(outside).contains("projectDir: /srv/mysite\n", "python: /usr/bin/python3\n");
    }

    @Test
    void everyWrittenKeyIsAKeyTheConfigurationKnowsAndTheRestIsCommentedOut() {
        String yaml = ConfigTemplate.render(facts(Path.of("/srv/mysite"), "/usr/bin/python3"), Path.of("/srv/mysite"));
        List<String> known = Arrays.stream(ConfigKey.values()).map(ConfigKey::key).toList();
        yaml.lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .forEach(line -> assertThat(known).as(line).contains(line.substring(0, line.indexOf(':'))));
        yaml.lines().filter(l -> l.matches("# [a-zA-Z]+: \\S+"))
                .forEach(line -> assertThat(known).as(line).contains(line.substring(2, line.indexOf(':'))));
        assertThat(yaml).contains("# startupTimeout: 30s\n", "server: auto\n", "port: auto\n", "healthPath: /api/health/\n");
    }

    @Test
    void valuesThatYamlWouldMisreadAreQuoted() {
        assertThat(ConfigTemplate.quote("/api/health/")).isEqualTo("/api/health/");
        assertThat(ConfigTemplate.quote("/path with space/python")).isEqualTo("\"/path with space/python\"");
        assertThat(ConfigTemplate.quote("#x")).isEqualTo("\"#x\"");
        assertThat(ConfigTemplate.quote("C:\\Python\\python.exe")).isEqualTo("\"C:\\\\Python\\\\python.exe\"");
    }
}
