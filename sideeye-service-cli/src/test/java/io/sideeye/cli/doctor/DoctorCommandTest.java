package io.sideeye.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.cli.Cli;
import io.sideeye.cli.ExitCodes;
import io.sideeye.service.ServiceJson;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Doctor checks that need no Python: they run in-process. The Python and Django checks run in DoctorIT. */
class DoctorCommandTest {
    @TempDir
    Path dir;

    @Test
    void aBusyPortFailsNamingWhoHoldsItAndWhatToDo() throws IOException {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = squatter.getLocalPort();
            Files.writeString(dir.resolve("sideeye.yaml"), "command: [/bin/true]\nport: " + port + "\n");
            Cli.Result r = new Cli(dir).run("doctor", "--no-color");
            assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
            long me = ProcessHandle.current().pid();
            assertThat(r.out()).contains("✘ Port          127.0.0.1:" + port + " is in use by pid " + me + " (",
                    "→ stop that process (kill " + me + "), or choose another port: 'port: auto'");
            assertThat(r.out()).contains("1 of 11 checks failed");
        }
    }

    @Test
    void aCustomCommandWithoutPythonSkipsThePythonChecksAndPassesTheRest() throws IOException {
        Files.writeString(dir.resolve("sideeye.yaml"), "command: [/bin/true, \"{port}\"]\nport: auto\n");
        Cli.Result r = new Cli(dir).run("doctor");
        assertThat(r.code()).as(r.out()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("✔ Java", "✔ Configuration " + dir.resolve("sideeye.yaml"),
                "– Python        skipped: custom command [/bin/true, {port}] does not use {python}",
                "– manage.py     skipped: not in " + dir, "✔ Port          auto: a free port is picked at each start",
                "✔ Data dir      default " + dir.resolve("data") + " will be created", "All checks passed.");
    }

    @Test
    void aDataDirThatIsAFileFails() throws IOException {
        Files.writeString(dir.resolve("blocker"), "not a folder");
        Files.writeString(dir.resolve("sideeye.yaml"),
                "command: [/bin/true]\nport: auto\nenvironment: {SIDEEYE_DATA_DIR: blocker/data}\n");
        Cli.Result r = new Cli(dir).run("doctor");
        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out()).contains("✘ Data dir      SIDEEYE_DATA_DIR " + dir.resolve("blocker/data") + " cannot be created: "
                + dir.resolve("blocker") + " is not a folder", "→ make it writable by this user, or set SIDEEYE_DATA_DIR");
    }

    @Test
    void anInterpreterThatCannotRunFailsWithTheRemedy() throws IOException {
        Files.writeString(dir.resolve("manage.py"), "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'x.settings')\n");
        Cli.Result r = new Cli(dir).run("doctor", "--python", dir.resolve("no-such-python").toString(), "--port", "auto");
        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out()).contains("✘ Python        no interpreter could be run; tried: " + dir.resolve("no-such-python")
                + " (configured): cannot run " + dir.resolve("no-such-python") + ": No such file or directory",
                "create a virtualenv with Django", "– Django        skipped: needs a Python interpreter",
                "✔ manage.py     " + dir.resolve("manage.py"));
    }

    @Test
    void devModeExpectsTheExternalBackendOnItsPort() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        Cli.Result r = new Cli(dir).run("doctor", "--dev", "--port", Integer.toString(port), "--json");
        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        List<JsonNode> checks = r.out().lines().map(DoctorCommandTest::json).toList();
        assertThat(checks).extracting(c -> c.path("check").asText()).containsExactly("Java", "Configuration", "Python",
                "Django", "Servers", "manage.py", "Settings", "Health path", "Port", "Data dir", "Runtime dir");
        JsonNode portCheck = checks.get(8);
        assertThat(portCheck.path("status").asText()).isEqualTo("fail");
        assertThat(portCheck.path("detail").asText()).isEqualTo("nothing listens on 127.0.0.1:" + port
                + " (isDev expects the backend to run there)");
        assertThat(checks.get(2).path("status").asText()).isEqualTo("skip");
    }

    private static JsonNode json(String line) {
        try {
            return ServiceJson.reader().readTree(line);
        } catch (IOException e) {
            throw new AssertionError(line, e);
        }
    }
}
