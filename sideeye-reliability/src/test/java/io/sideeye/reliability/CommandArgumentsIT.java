package io.sideeye.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.LogLine;
import io.sideeye.service.ServiceJson;
import io.sideeye.testsupport.StdlibTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands run without a shell: every argument reaches the child verbatim, and paths with spaces work. */
class CommandArgumentsIT {
    @TempDir
    Path tmp;

    @Test
    void shellMetacharactersReachTheChildVerbatim() throws Exception {
        Path pwned = tmp.resolve("pwned-" + UUID.randomUUID());
        List<String> hostile = List.of("$(touch " + pwned + ")", "`touch " + pwned + "`", "a; touch " + pwned,
                "a | touch " + pwned, "a && touch " + pwned, "'single'", "\"double\"", "back\\slash", "*", "~",
                "$HOME", "${PATH}", "> " + pwned, "line\nbreak", "tab\there", " leading and trailing ", "ünïcødé ✓",
                "--not-a-flag-value");
        String marker = TestServer.marker("argv");
        List<String> flags = new ArrayList<>();
        for (String h : hostile) {
            flags.add("--echo=" + h);
        }
        try (DjangoServiceManager m = TestServer.builder(marker, flags.toArray(String[]::new)).runtimeDir(tmp.resolve("run"))
                .build()) {
            assertThat(m.start().get(30, TimeUnit.SECONDS)).isTrue();
            List<String> argv = echoedArgv(m);
            assertThat(argv).containsSubsequence(flags);
            assertThat(argv).contains(marker);
        }
        assertThat(pwned).as("a file a shell would have created").doesNotExist();
    }

    @Test
    void projectDirWithSpacesAndQuotesWorks() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("my project's dir (copy) $x"));
        Files.copy(StdlibTestServer.script(), project.resolve("server script.py"));
        String marker = TestServer.marker("spaces");
        List<String> argv = List.of(StdlibTestServer.PYTHON, "server script.py", "--host", "{host}", "--port", "{port}",
                "--echo", marker, "--echo", project.toString());
        try (DjangoServiceManager m = DjangoServiceManager.builder().projectDir(project).command(argv).port(0)
                .runtimeDir(tmp.resolve("run dir with spaces")).build()) {
            assertThat(m.start().get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(echoedArgv(m)).containsExactly("server script.py", "--host", "127.0.0.1", "--port",
                    Integer.toString(m.getStatus().port()), "--echo", marker, "--echo", project.toString());
            assertThat(m.healthCheck().get(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** The test server's {@code ARGV [...]} line: the arguments as it received them, script name first. */
    private static List<String> echoedArgv(DjangoServiceManager m) throws Exception {
        String line = m.recentLogs().stream().map(LogLine::line).filter(l -> l.startsWith("ARGV ")).findFirst()
                .orElseThrow(() -> new AssertionError("no ARGV line in " + m.recentLogs()));
        List<String> args = ServiceJson.reader().forType(new TypeReference<List<String>>() { }).readValue(line.substring(5));
        return args;
    }
}
