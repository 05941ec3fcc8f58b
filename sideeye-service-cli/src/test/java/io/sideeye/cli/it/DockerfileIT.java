package io.sideeye.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sideeye.cli.Cli;
import io.sideeye.cli.ExitCodes;
import io.sideeye.testsupport.ReferenceBackend;
import io.sideeye.testsupport.Repository;
import io.sideeye.testsupport.RequiresReferenceBackend;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sideeye export dockerfile} of the bundled Django backend. There is no container engine
 * here, so the image is not built; what can run outside one does: the HEALTHCHECK's command,
 * run with Debian's Python against the real backend supervised by {@code sideeye run}, passes
 * while the backend is up and fails once it is stopped. The Dockerfile's instructions are
 * checked in {@code DockerfileExporterTest}; the golden file is the one docs/KUBERNETES.md shows.
 */
@RequiresReferenceBackend
class DockerfileIT {
    private static final Path GOLDEN = Path.of("src/test/resources/export/backend/docker/Dockerfile");
    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration END = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    @TempDir
    Path home;

    @Test
    void theBundledBackendsDockerfileMatchesTheGoldenFileAndTheKubernetesGuide() throws IOException {
        Files.copy(Path.of("src/test/resources/export/backend/sideeye.yaml"), dir.resolve("sideeye.yaml"));
        Cli.Result r = new Cli(dir).run("export", "dockerfile", "--project", ReferenceBackend.PROJECT.toString(),
                "--out", "out");

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("wrote " + dir.resolve("out/Dockerfile"), "docker build -f");
        String text = Files.readString(dir.resolve("out/Dockerfile")).replace(ReferenceBackend.PROJECT.toString(),
                "{project}");
        if (Boolean.getBoolean("sideeye.updateGoldens")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, text);
        }
        assertThat(text).isEqualTo(Files.readString(GOLDEN));
        String guide = Files.readString(Repository.ROOT.resolve("docs/KUBERNETES.md"));
        assertThat(guide).contains("\n" + text.replace("{project}", "/srv/sideeye/backend") + "```\n");
    }

    @Test
    void theHealthcheckPassesAgainstTheRunningBackendAndFailsOnceItStops() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("sideeye.yaml"), "port: " + port + "\nserver: waitress\nhealthCheckTimeout: 3s\n"
                + "shutdownTimeout: 5s\n");
        Cli.Result r = new Cli(dir).run("export", "dockerfile", "--project", ReferenceBackend.PROJECT.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        List<String> check = healthcheckCommand(r.out());
        assertThat(check.get(0)).isEqualTo("python3");
        check.set(0, Backends.SYSTEM_PYTHON);

        try (CliProcess run = CliProcess.start(dir, home, "run", "--project", ReferenceBackend.PROJECT.toString())) {
            run.awaitLine("ready at http://127.0.0.1:" + port, START);
            Outcome healthy = runCheck(check);
            assertThat(healthy.code()).as(healthy.output()).isZero();

            run.signal("TERM");
            assertThat(run.awaitExit(END)).isEqualTo(ExitCodes.OK);
        }
        Outcome down = runCheck(check);
        assertThat(down.code()).isEqualTo(1);
        assertThat(down.output()).startsWith("unhealthy: ").contains("Connection refused");
    }

    /** The argv of the printed Dockerfile's {@code HEALTHCHECK ... CMD [...]}. */
    private static List<String> healthcheckCommand(String dockerfile) throws IOException {
        int at = dockerfile.indexOf("HEALTHCHECK --");
        assertThat(at).as(dockerfile).isPositive();
        int cmd = dockerfile.indexOf("CMD [", at);
        String json = dockerfile.substring(cmd + 4, dockerfile.indexOf('\n', cmd));
        return new ArrayList<>(new ObjectMapper().readValue(json, new TypeReference<List<String>>() { }));
    }

    private record Outcome(int code, String output) {
    }

    private static Outcome runCheck(List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Outcome(p.exitValue(), output);
    }
}
