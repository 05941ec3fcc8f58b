package io.sideeye.service.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one list of the places interpreter discovery (and {@code sideeye doctor}) looks at. */
class PythonPlaceTest {
    private final Path project = Path.of("backend").toAbsolutePath();

    @Test
    void onUnixTheProjectsVirtualEnvironmentsComeFirstThenPython3AndPythonOnPath() {
        List<PythonPlace> places = PythonPlace.inOrder(Path.of("backend"), false);
        assertThat(places).extracting(PythonPlace::file).containsExactly(project.resolve(".venv/bin/python"),
                project.resolve("venv/bin/python"), null, null);
        assertThat(places).extracting(PythonPlace::program).containsExactly(null, null, "python3", "python");
    }

    @Test
    void onWindowsTheLauncherPyWithDash3ComesLast() {
        List<PythonPlace> places = PythonPlace.inOrder(project, true);
        assertThat(places.get(0).file()).isEqualTo(project.resolve(".venv").resolve("Scripts").resolve("python.exe"));
        assertThat(places).extracting(PythonPlace::program).containsExactly(null, null, "python", "py -3");
        assertThat(places.get(3).args()).containsExactly("-3");
    }
}
