package io.sideeye.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@code sideeye} in-process in a chosen working directory and environment, capturing its output. */
public final class Cli {
    private final Path workingDir;
    private final Map<String, String> env = new HashMap<>();

    /** A command line run in {@code workingDir} with only {@code HOME} and {@code PATH} in its environment. */
    public Cli(Path workingDir) {
        this.workingDir = workingDir;
        env.put("HOME", workingDir.resolve("home").toString());
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    }

    /** Sets an environment variable for the next runs. */
    public Cli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Runs and returns exit code and output. */
    public Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext ctx = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.copyOf(env), workingDir, false,
                Clock.fixed(Instant.parse("2025-01-02T03:04:05.678Z"), ZoneOffset.UTC), handler -> { });
        int code = SideEye.execute(ctx, args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * The command object the command-line parser fills from {@code args}, set up as every
     * command line is, without running it.
     *
     * @throws picocli.CommandLine.ParameterException when the parser refuses {@code args}
     */
    public static Object parsedByTheParser(CliContext ctx, String... args) {
        CommandLine cli = FullParser.commandLine(ctx, args);
        return cli.parseArgs(args).subcommand().commandSpec().userObject();
    }

    /**
     * What a run produced.
     *
     * @param code the exit code
     * @param out  standard output
     * @param err  standard error
     */
    public record Result(int code, String out, String err) {
    }
}
