package io.sideeye.service.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonDiscoveryTest {
    private static final String NO_DJANGO = "cannot import Django (ModuleNotFoundError: No module named 'django')";

    @TempDir
    Path project;

    private final FakeProbe probe = new FakeProbe();
    private final Map<String, Path> onPath = new HashMap<>();

    private PythonDiscovery discovery(boolean windows) {
        return new PythonDiscovery(probe, name -> Optional.ofNullable(onPath.get(name)), windows);
    }

    private Path file(String relative) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "");
    }

    @Test
    void prefersTheProjectsDotVenv() throws Exception {
        Path venv = file(".venv/bin/python");
        file("venv/bin/python");
        probe.django(venv.toString(), "4.2").django("/usr/bin/python3", "3.2");
        onPath.put("python3", Path.of("/usr/bin/python3"));

        Interpreter found = discovery(false).find(null, project, Map.of());

        assertThat(found.command()).containsExactly(venv.toString());
        assertThat(probe.asked).hasSize(1);
    }

    @Test
    void fallsThroughCandidatesWithoutDjangoInOrder() throws Exception {
        Path dotVenv = file(".venv/bin/python");
        Path venv = file("venv/bin/python");
        probe.failing(dotVenv.toString(), NO_DJANGO).failing(venv.toString(), NO_DJANGO)
                .failing("/opt/py/python3", NO_DJANGO).django("/usr/bin/python", "3.2", "waitress");
        onPath.put("python3", Path.of("/opt/py/python3"));
        onPath.put("python", Path.of("/usr/bin/python"));

        Interpreter found = discovery(false).find(null, project, Map.of());

        assertThat(found.executable()).isEqualTo("/usr/bin/python");
        assertThat(found.hasServer("waitress")).isTrue();
        assertThat(probe.asked).extracting(c -> c.get(0))
                .containsExactly(dotVenv.toString(), venv.toString(), "/opt/py/python3", "/usr/bin/python");
    }

    @Test
    void listsEveryCandidateAndTheFixWhenNoneHasDjango() {
        probe.failing("/opt/py/python3", NO_DJANGO);
        onPath.put("python3", Path.of("/opt/py/python3"));

        assertThatThrownBy(() -> discovery(false).find(null, project, Map.of()))
                .isInstanceOf(CommandResolutionException.class)
                .hasMessageContaining("No Python interpreter that can import Django was found for " + project)
                .hasMessageContaining("  - " + project.resolve(".venv/bin/python") + ": not found")
                .hasMessageContaining("  - " + project.resolve("venv/bin/python") + ": not found")
                .hasMessageContaining("  - python3 on PATH: " + NO_DJANGO)
                .hasMessageContaining("  - python on PATH: not found on PATH")
                .hasMessageContaining("python3 -m venv " + project.resolve(".venv"))
                .hasMessageContaining(project.resolve(".venv/bin/python") + " -m pip install django")
                .hasMessageContaining("or set python to an interpreter that has Django");
    }

    @Test
    void onWindowsUsesScriptsPythonExeThenPythonThenTheLauncher() throws Exception {
        probe.failing("C:\\Python\\python.exe", NO_DJANGO).django("C:\\Windows\\py.exe", "4.2");
        onPath.put("python", Path.of("C:\\Python\\python.exe"));
        onPath.put("py", Path.of("C:\\Windows\\py.exe"));

        Interpreter found = discovery(true).find(null, project, Map.of());

        assertThat(probe.asked).containsExactly(List.of("C:\\Python\\python.exe"), List.of("C:\\Windows\\py.exe", "-3"));
        assertThat(found.command()).containsExactly("C:\\Windows\\py.exe");
    }

    @Test
    void windowsErrorNamesTheWindowsVenvLayout() {
        assertThatThrownBy(() -> discovery(true).find(null, project, Map.of()))
                .hasMessageContaining(project.resolve(".venv").resolve("Scripts").resolve("python.exe") + ": not found")
                .hasMessageContaining("py -3 on PATH: not found on PATH")
                .hasMessageContaining("py -3 -m venv");
    }

    @Test
    void aConfiguredInterpreterIsUsedWithoutDiscovery() throws Exception {
        file(".venv/bin/python");
        String python = file("elsewhere/python3").toString();
        probe.django(python, "3.2");

        Interpreter found = discovery(false).find(python, project, Map.of());

        assertThat(found.executable()).isEqualTo(python);
        assertThat(probe.asked).containsExactly(List.of(python));
    }

    @Test
    void aConfiguredInterpreterWithoutDjangoIsAPreciseError() throws Exception {
        String python = file("elsewhere/python3").toString();
        probe.failing(python, NO_DJANGO);

        assertThatThrownBy(() -> discovery(false).find(python, project, Map.of()))
                .isInstanceOf(CommandResolutionException.class)
                .hasMessage("The configured Python interpreter '" + python + "' " + NO_DJANGO
                        + ". Install Django for it ('" + python + " -m pip install django') or set python to"
                        + " an interpreter that has Django.");
    }

    @Test
    void aConfiguredBareNameIsLookedUpOnPath() throws Exception {
        probe.django("/opt/python3.12/bin/python3.12", "5.0");
        onPath.put("python3.12", Path.of("/opt/python3.12/bin/python3.12"));

        assertThat(discovery(false).find("python3.12", project, Map.of()).executable())
                .isEqualTo("/opt/python3.12/bin/python3.12");
    }

    @Test
    void aConfiguredRelativePathIsTakenFromTheProject() throws Exception {
        Path python = file("env/bin/python");
        probe.django(python.toString(), "4.2");

        assertThat(discovery(false).find("env/bin/python", project, Map.of()).executable()).isEqualTo(python.toString());
    }

    @Test
    void aMissingConfiguredInterpreterSaysWhereItLooked() {
        assertThatThrownBy(() -> discovery(false).find("python3.99", project, Map.of()))
                .hasMessage("The configured Python interpreter 'python3.99' was not found on PATH (python3.99 on PATH)."
                        + " Set python to the path of an interpreter that has Django, or leave it unset to discover one.");
        assertThatThrownBy(() -> discovery(false).find("/nope/python", project, Map.of()))
                .hasMessageContaining("'/nope/python' was not found (/nope/python)");
    }
}
