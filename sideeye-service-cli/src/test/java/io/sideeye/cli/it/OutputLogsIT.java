package io.sideeye.cli.it;

import static io.sideeye.cli.it.CliProcess.END;
import static io.sideeye.cli.it.CliProcess.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sideeye run} writes each service's output to its log file; {@code sideeye logs} reads it after the run. */
class OutputLogsIT {
    @TempDir
    Path dir;
    @TempDir
    Path home;

    private List<Path> logFiles() throws Exception {
        Path logs = home.resolve(".local/state/sideeye/logs");
        if (!Files.isDirectory(logs)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(logs)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void theRunWritesTheDefaultLogFileAndLogsReadsItOnceTheRunHasEnded() throws Exception {
        Backends.testServerConfig(dir, "", "--echo", "hello from the backend");
        try (CliProcess run = CliProcess.start(dir, home, "run")) {
            run.awaitStarted(START);
            run.signal("TERM");
            assertThat(run.awaitExit(END)).isEqualTo(ExitCodes.OK);
        }
        List<Path> files = logFiles();
        assertThat(files).singleElement().satisfies(f -> {
            assertThat(f.getFileName()).hasToString("web.log");
            assertThat(f.getParent().getFileName().toString()).startsWith(dir.getFileName() + "-");
        });
        List<String> lines = Files.readAllLines(files.get(0));
        assertThat(lines).anyMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z stdout ARGV .*hello from the backend.*"))
                .anyMatch(l -> l.matches(".*Z stdout LISTENING 127\\.0\\.0\\.1 \\d+"));

        CliProcess logs = CliProcess.run(dir, home, END, "logs", "-n", "5");
        assertThat(logs.exitCode()).as(logs.stderr()).isEqualTo(ExitCodes.OK);
        assertThat(logs.stdout() + logs.stderr()).contains("no 'sideeye run' is active: the last lines of " + files.get(0));
        assertThat(logs.stdout()).contains("LISTENING 127.0.0.1");
    }

    @Test
    void noLogFileWritesNoneAndLogsThenSaysThereIsNothing() throws Exception {
        Backends.testServerConfig(dir, "");
        try (CliProcess run = CliProcess.start(dir, home, "run", "--no-log-file")) {
            run.awaitStarted(START);
            run.signal("TERM");
            assertThat(run.awaitExit(END)).isEqualTo(ExitCodes.OK);
        }
        assertThat(logFiles()).isEmpty();

        CliProcess logs = CliProcess.run(dir, home, END, "logs");
        assertThat(logs.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(logs.stderr()).contains("has no output log file");
    }
}
