package io.sideeye.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.cli.Cli;
import io.sideeye.cli.CliContext;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code sideeye run} read without the parser: for every everyday form the same options as the
 * parser reads, and every other form left to the parser.
 */
class RunShortcutTest {
    private final CliContext ctx = CliContext.system();

    static Stream<Arguments> everydayForms() {
        return Stream.of(
                forms("run"),
                forms("run", "-c", "sideeye.yaml"),
                forms("run", "--config", "conf/sideeye.yaml"),
                forms("run", "--config=sideeye.yaml"),
                forms("run", "--profile", "dev"),
                forms("run", "--profile=dev", "--watch"),
                forms("run", "--no-log-file"),
                forms("run", "--json"),
                forms("run", "--no-color"),
                forms("run", "--color=never"),
                forms("run", "--color", "ALWAYS"),
                forms("run", "--color", "Auto", "--no-color"),
                forms("run", "--project", "backend", "--port", "auto", "--python", "/usr/bin/python3", "--dev"),
                forms("run", "--project=my backend", "--port=8000", "--python=python3"),
                forms("run", "--set", "healthCheckInterval=2s"),
                forms("run", "--set", "a=1", "-s", "b=2", "--set=worker.instances=3", "--set", "a=4"),
                forms("run", "--set", "command=python -m x=y"),
                forms("run", "--dashboard"),
                forms("run", "--dashboard=8765"),
                forms("run", "--dashboard=0"),
                forms("run", "--dashboard", "--json"),
                forms("run", "--json", "--dashboard"),
                forms("run", "-c", "sideeye.yaml", "--profile", "dev", "--watch", "--dashboard", "--set",
                        "healthCheckInterval=2s", "--json", "--no-color", "--no-log-file", "--project", "p",
                        "--port", "1", "--python", "py", "--dev"));
    }

    static Stream<Arguments> otherForms() {
        return Stream.of(
                forms(),
                forms("status"),
                forms("demo"),
                forms("help", "run"),
                forms("run", "--help"),
                forms("run", "-h"),
                forms("run", "--version"),
                forms("run", "-V"),
                forms("run", "--print-config"),
                forms("run", "--json", "--print-config"),
                forms("run", "--prot", "8000"),
                forms("run", "extra"),
                forms("run", "--"),
                forms("run", "@args.txt"),
                forms("run", "-cx.yaml"),
                forms("run", "-c=x.yaml"),
                forms("run", "-c"),
                forms("run", "--profile"),
                forms("run", "--config="),
                forms("run", "--port", "-1"),
                forms("run", "--profile", "--watch"),
                forms("run", "--project", "a\0b"),
                forms("run", "--set", "novalue"),
                forms("run", "--set", "=v"),
                forms("run", "--set", "k="),
                forms("run", "--set", "k=\"quoted value\""),
                forms("run", "--watch=true"),
                forms("run", "--json=false"),
                forms("run", "--watch", "--watch"),
                forms("run", "-c", "a.yaml", "--config", "b.yaml"),
                forms("run", "--port", "1", "--port", "2"),
                forms("run", "--color=purple"),
                forms("run", "--dashboard", "8080"),
                forms("run", "--dashboard=08080"),
                forms("run", "--dashboard=+1"),
                forms("run", "--dashboard=0x10"),
                forms("run", "--dashboard=port"),
                forms("run", "--dashboard=1234567890"),
                forms("run", "--dashboard", "--dashboard"));
    }

    @ParameterizedTest
    @MethodSource("everydayForms")
    void everydayFormsSetTheOptionsAsTheParserDoes(List<String> args) {
        String[] argv = args.toArray(String[]::new);
        RunCommand light = RunShortcut.parse(ctx, argv);
        RunCommand parsed = (RunCommand) Cli.parsedByTheParser(ctx, argv);

        assertThat(light).as("read without the parser").isNotNull();
        assertThat(options(light)).isEqualTo(options(parsed));
    }

    @ParameterizedTest
    @MethodSource("otherForms")
    void everyOtherFormIsLeftToTheParser(List<String> args) {
        assertThat(RunShortcut.parse(ctx, args.toArray(String[]::new))).isNull();
    }

    private static Arguments forms(String... args) {
        return Arguments.of(List.of(args));
    }

    /** Every option of {@code run}, as the command reads them. */
    private static List<Object> options(RunCommand run) {
        return Arrays.asList(run.config.file, run.config.profile, run.config.set, run.project.project,
                run.project.port, run.project.python, run.project.dev, run.dashboard, run.watch, run.noLogFile,
                run.printConfig, run.output.json, run.output.color, run.output.noColor,
                run.config.set.getClass(), run.project.flags());
    }
}
