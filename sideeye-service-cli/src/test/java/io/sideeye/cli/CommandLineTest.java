package io.sideeye.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {
    @TempDir
    Path dir;

    @Test
    void versionNamesTheProductAndTheJavaRuntime() {
        Cli.Result r = new Cli(dir).run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("sideeye 0.").contains("Java " + Runtime.version());
    }

    @Test
    void helpListsEveryCommandWithExamples() {
        Cli.Result r = new Cli(dir).run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("run ", "demo ", "init ", "doctor ", "selftest ", "status ", "start ", "stop ", "restart ",
                "health ", "logs ", "call ", "dashboard ", "Examples:", "sideeye demo", "docs/CONFIG.md");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "demo", "init", "doctor", "selftest", "status", "start", "stop", "restart", "health", "logs", "call",
        "dashboard"})
    void everyCommandHasHelpWithItsExitCodes(String command) {
        Cli.Result r = new Cli(dir).run(command, "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: sideeye " + command, "Exit codes:");
    }

    @Test
    void runHelpShowsExamplesAndTheDocumentedOptions() {
        Cli.Result r = new Cli(dir).run("help", "run");
        assertThat(r.out()).contains("-c, --config=FILE", "--profile=NAME", "--project=DIR", "--port=N|auto", "--dev",
                "--json", "--dashboard[=PORT]", "--watch", "--print-config", "--no-color", "Examples:");
        assertThat(r.out().replaceAll(" +", " ")).contains("0 stopped cleanly", "1 a service ended FAILED",
                "2 bad configuration", "130 forced by a second Ctrl-C");
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithExitCode2() {
        Cli.Result r = new Cli(dir).run("run", "--prot", "8000");
        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("sideeye: Unknown options: '--prot', '8000'", "Possible solutions: --profile",
                "Run 'sideeye run --help' for usage.");
    }

    @Test
    void aMisspelledCommandGetsASuggestion() {
        Cli.Result r = new Cli(dir).run("stauts");
        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("Did you mean:", "sideeye status");
    }

    @Test
    void watchNeedsAConfigurationFile() {
        Cli.Result r = new Cli(dir).run("run", "--watch");
        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("--watch needs a configuration file");
    }

    @Test
    void dashboardTakesAnOptionalPortAndColorAnyCase() {
        assertThat(new Cli(dir).run("run", "--dashboard", "--print-config").code()).isZero();
        assertThat(new Cli(dir).run("run", "--dashboard=8765", "--color=NEVER", "--print-config").code()).isZero();
        Cli.Result bad = new Cli(dir).run("run", "--color=sometimes");
        assertThat(bad.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(bad.err()).contains("--color", "AUTO, ALWAYS, NEVER");
    }

    @Test
    void aBadDurationOptionIsBadUsage() {
        Cli.Result r = new Cli(dir).run("selftest", "--interval", "soon");
        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("option --interval: 'soon' is not a duration");
    }

    @Test
    void withoutACommandTheUsageIsShown() {
        Cli.Result r = new Cli(dir).run();
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: sideeye");
    }
}
