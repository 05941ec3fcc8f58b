package io.sideeye.desktop.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real interpreters: Debian's python3 with python3-django and python3-waitress (scripts/setup-python). */
class PythonRequirementTest {
    @TempDir
    Path dir;

    @Test
    void aConfiguredInterpreterIsTheOnlyCandidate() {
        assertThat(PythonRequirement.candidates(" /opt/py/bin/python ")).containsExactly("/opt/py/bin/python");
        assertThat(PythonRequirement.candidates(null)).containsExactly("/usr/bin/python3", "python3");
    }

    @Test
    void theFirstInterpreterWithDjangoAndWaitressWins() throws Exception {
        PythonRequirement.Found found = PythonRequirement.find(List.of(dir.resolve("missing").toString(), "/usr/bin/python3"));
        assertThat(found.executable()).isEqualTo("/usr/bin/python3");
        assertThat(found.versions()).matches("Python 3\\.\\d+\\.\\d+, Django \\d+\\.\\d+.*");
    }

    @Test
    void noneQualifyingNamesEachWithWhatItLacksAndTheRemedy() throws Exception {
        Path withoutDjango = dir.resolve("python-without-django");
        Files.writeString(withoutDjango, "#!/bin/sh\nexec /usr/bin/python3 -S \"$@\"\n");
        Files.setPosixFilePermissions(withoutDjango, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> PythonRequirement.find(List.of(missing.toString(), withoutDjango.toString())))
                .isInstanceOfSatisfying(PythonRequirement.MissingPythonException.class, e -> {
                    assertThat(e.tried()).hasSize(2);
                    assertThat(e.tried().get(0)).startsWith(missing + ": cannot be run (");
                    assertThat(e.tried().get(1)).isEqualTo(withoutDjango + ": has no module 'django'");
                    assertThat(e.remedy()).contains("sudo apt install python3 python3-django python3-waitress",
                            "SIDEEYE_PYTHON=");
                });
    }
}
