package io.sideeye.cli;

import io.sideeye.cli.command.RunCommand;
import io.sideeye.cli.command.RunShortcut;
import io.sideeye.config.ConfigException;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code sideeye} command: runs and inspects a supervised Django backend. An everyday
 * {@code sideeye run} is read without the command-line parser ({@link RunShortcut}), so that the
 * daemon never loads it; every other command line goes to the parser ({@link FullParser}).
 */
@Command(name = "sideeye", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Runs a Django backend (or several services: a worker beside it, copies, a service run",
                "elsewhere) as supervised child processes and keeps them alive: readiness, health checks,",
                "restarts with backoff, graceful shutdown."},
        commandListHeading = "%nCommands:%n",
        footerHeading = "%nExamples:%n",
        footer = {"  sideeye demo                    # the bundled backend with the dashboard",
                "  sideeye init                    # sideeye.yaml for the Django project here",
                "  sideeye doctor                  # check Python, Django, port, paths",
                "  sideeye run --watch             # supervise with ./sideeye.yaml",
                "  sideeye status                  # ask the running 'sideeye run'",
                "  sideeye restart worker          # one service of a run with services:",
                "  sideeye reload                  # a new backend without refusing a connection",
                "  sideeye export systemd --out deploy   # hand the backend over to systemd",
                "",
                "Configuration keys, environment variables and profiles: docs/CONFIG.md.",
                "Exit codes: 0 ok, 1 failed, 2 bad configuration or usage, 3 no running 'sideeye run' found."})
public final class SideEye implements Runnable {
    @Spec
    CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        quietLogging();
        CliContext ctx = CliContext.system();
        RunCommand run = RunShortcut.parse(ctx, args);
        Warmup.startFor(run == null, args);
        System.exit(run != null ? call(ctx, run) : parseAndExecute(ctx, args));
    }

    /**
     * The command prints events itself, so library logs (slf4j-simple) stay quiet unless something
     * is wrong. Set here, not in a {@code simplelogger.properties} resource, so programs that use
     * this module's classes (the desktop app reads configuration through it) keep their own
     * logging. A {@code -Dorg.slf4j.simpleLogger.*} option (e.g. through SIDEEYE_JAVA_OPTS) wins.
     */
    static void quietLogging() {
        Map.of("org.slf4j.simpleLogger.defaultLogLevel", "warn",
                "org.slf4j.simpleLogger.logFile", "System.err",
                "org.slf4j.simpleLogger.showThreadName", "false",
                "org.slf4j.simpleLogger.showShortLogName", "true",
                "org.slf4j.simpleLogger.levelInBrackets", "true")
                .forEach((key, value) -> {
                    if (System.getProperty(key) == null) {
                        System.setProperty(key, value);
                    }
                });
    }

    /**
     * Runs the command line in {@code ctx} and returns the exit code (nothing exits the JVM): an
     * everyday {@code run} without the command-line parser ({@link RunShortcut}), every other
     * form with it.
     */
    public static int execute(CliContext ctx, String... args) {
        RunCommand run = RunShortcut.parse(ctx, args);
        return run != null ? call(ctx, run) : parseAndExecute(ctx, args);
    }

    /** Runs {@code run}, with the parser's handling of what it throws. */
    private static int call(CliContext ctx, RunCommand run) {
        try {
            return run.call();
        } catch (Exception e) {
            return failure(ctx, e, "run");
        }
    }

    private static int parseAndExecute(CliContext ctx, String... args) {
        return FullParser.commandLine(ctx, args).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reports what running {@code command} threw and returns the exit code: 2 for bad configuration, else 1. */
    static int failure(CliContext ctx, Exception e, String command) {
        if (e instanceof ConfigException) {
            ctx.err().println("sideeye: bad configuration: " + e.getMessage());
            ctx.err().println("Nothing was started. Fix it and try again (see docs/CONFIG.md; "
                    + "'sideeye run --print-config' shows every value and its source).");
            return ExitCodes.CONFIG;
        }
        ctx.err().println("sideeye: " + command + " failed: " + (e.getMessage() == null ? e : e.getMessage()));
        if (ctx.env().containsKey("SIDEEYE_STACKTRACE")) {
            e.printStackTrace(ctx.err());
        } else {
            ctx.err().println("(set SIDEEYE_STACKTRACE=1 to see the stack trace)");
        }
        return ExitCodes.FAILED;
    }
}
