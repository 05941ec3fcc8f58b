package io.sideeye.service.process;

import static io.sideeye.service.testsupport.TestServerScript.PYTHON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sideeye.service.ServerKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real interpreters (Debian's Python with Django and waitress) and the real test project. */
class InterpreterCheckIT {
    @TempDir
    Path temp;

    @Test
    void theManagersResolutionReusesTheChecksAnswer() throws Exception {
        Path project = Path.of(InterpreterCheckIT.class.getResource("/djangoproject/manage.py").toURI()).getParent();
        Path runs = temp.resolve("runs");
        Path python = temp.resolve("counting-python");
        Files.writeString(python, "#!/bin/sh\necho run >>'" + runs + "'\nexec " + PYTHON + " \"$@\"\n");
        Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> environment = Map.of("SIDEEYE_DATA_DIR", temp.resolve("data").toString());

        InterpreterReport report = InterpreterCheck.check(python.toString(), project, environment);
        ResolvedCommand command = new DjangoCommandResolver().resolve(new CommandRequest(python.toString(), project,
                ServerKind.AUTO, null, null, List.of(), "127.0.0.1", 8000, environment));

        assertThat(report.pythonVersion()).matches("3\\.\\d+\\.\\d+");
        assertThat(report.djangoVersion()).startsWith("3.2");
        assertThat(report.servers()).contains("waitress");
        assertThat(command.argv()).startsWith(python.toString(), "-m", "waitress");
        assertThat(Files.readAllLines(runs)).as("Python starts").hasSize(1);
    }

    @Test
    void aMissingInterpreterIsNamedInOneClause() {
        assertThatThrownBy(() -> InterpreterCheck.check(temp.resolve("nope").toString(), temp, Map.of()))
                .isInstanceOf(CommandResolutionException.class).hasMessage("not found");
        assertThatThrownBy(() -> InterpreterCheck.check("sideeye-no-such-python", temp, Map.of()))
                .isInstanceOf(CommandResolutionException.class).hasMessage("not found on PATH");
    }
}
