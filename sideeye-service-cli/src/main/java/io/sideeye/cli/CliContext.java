package io.sideeye.cli;

import io.sideeye.cli.output.ColorMode;
import io.sideeye.cli.output.Console;
import io.sideeye.cli.output.Style;
import io.sideeye.cli.run.Signals;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TimeZone;

/**
 * Everything a command takes from its surroundings, so that commands run in-process in tests
 * exactly as from a terminal.
 *
 * @param out        standard output
 * @param err        standard error
 * @param env        the environment
 * @param workingDir the working directory
 * @param terminal   whether standard output is an interactive terminal
 * @param clock      the clock for timestamps
 * @param signals    where Ctrl-C / SIGTERM are delivered
 */
public record CliContext(PrintStream out, PrintStream err, Map<String, String> env, Path workingDir,
                         boolean terminal, Clock clock, Signals signals) {

    /** The real process's surroundings (the clock's time zone is the system's, looked up when first needed). */
    public static CliContext system() {
        return new CliContext(System.out, System.err, System.getenv(), Path.of("").toAbsolutePath(),
                System.console() != null, LocalClock.INSTANCE, Signals.system());
    }

    /**
     * The clock's time zone for showing times; for the real clock the system's, looked up without
     * java.time's zone rules (a short command then reads the time-zone database once, not twice).
     */
    public TimeZone timeZone() {
        return clock == LocalClock.INSTANCE ? TimeZone.getDefault() : TimeZone.getTimeZone(clock.getZone());
    }

    /** A console for output in {@code json} or text form with the given colour mode. */
    public Console console(boolean json, ColorMode color) {
        return new Console(out, err, json, terminal, Style.forMode(color, terminal, env), clock, this::timeZone);
    }
}
