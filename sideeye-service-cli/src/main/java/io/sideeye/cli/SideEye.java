package io.sideeye.cli;

import io.sideeye.cli.command.CallCommand;
import io.sideeye.cli.command.DemoCommand;
import io.sideeye.cli.command.SelftestCommand;
import io.sideeye.cli.command.DoctorCommand;
import io.sideeye.cli.command.ExportCommand;
import io.sideeye.cli.command.HealthCommand;
import io.sideeye.cli.command.InitCommand;
import io.sideeye.cli.command.LogsCommand;
import io.sideeye.cli.command.DashboardCommand;
import io.sideeye.cli.command.ReloadCommand;
import io.sideeye.cli.command.RestartCommand;
import io.sideeye.cli.command.RunCommand;
import io.sideeye.cli.command.StartCommand;
import io.sideeye.cli.command.StatusCommand;
import io.sideeye.cli.command.StopCommand;
import io.sideeye.config.ConfigException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code sideeye} command: runs and inspects a supervised Django backend. */
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
    /** The commands, in the order {@code --help} lists them. */
    private static final Map<String, Class<?>> COMMANDS = commands();

    @Spec
    CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        quietLogging();
        Warmup.startFor(args);
        System.exit(execute(CliContext.system(), args));
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

    /** Runs the command line in {@code ctx} and returns the exit code (nothing exits the JVM). */
    public static int execute(CliContext ctx, String... args) {
        CommandLine cli = new CommandLine(new SideEye(), new ContextFactory(ctx));
        // Building a command's model costs reflection over all its options: when the first
        // argument names a command, only that one is built, which shortens every start.
        Class<?> chosen = args.length > 0 ? COMMANDS.get(args[0]) : null;
        if (chosen != null) {
            cli.addSubcommand(args[0], chosen);
        } else if (args.length != 1 || !(args[0].equals("--version") || args[0].equals("-V"))) {
            COMMANDS.forEach(cli::addSubcommand);
            cli.addSubcommand("help", CommandLine.HelpCommand.class);
        }
        cli.setOut(new PrintWriter(ctx.out(), true));
        cli.setErr(new PrintWriter(ctx.err(), true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExpandAtFiles(false); // "@FILE" belongs to "call -d", as in curl
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(ctx.terminal() && ctx.env().get("NO_COLOR") == null
                ? CommandLine.Help.Ansi.AUTO : CommandLine.Help.Ansi.OFF));
        ErrorHandlers handlers = new ErrorHandlers(ctx);
        cli.setParameterExceptionHandler(handlers);
        cli.setExecutionExceptionHandler(handlers);
        return cli.execute(args);
    }

    /**
     * The command line with every command added, as {@code sideeye --help} lists them: what the
     * shell completion scripts are generated from ({@link CompletionScripts}).
     */
    static CommandLine everyCommand(CliContext ctx) {
        CommandLine cli = new CommandLine(new SideEye(), new ContextFactory(ctx));
        COMMANDS.forEach(cli::addSubcommand);
        cli.addSubcommand("help", CommandLine.HelpCommand.class);
        return cli;
    }

    /** The class of command {@code name}, or null when there is none of that name. */
    static Class<?> commandClass(String name) {
        return COMMANDS.get(name);
    }

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> commands = new LinkedHashMap<>();
        commands.put("run", RunCommand.class);
        commands.put("demo", DemoCommand.class);
        commands.put("init", InitCommand.class);
        commands.put("doctor", DoctorCommand.class);
        commands.put("selftest", SelftestCommand.class);
        commands.put("status", StatusCommand.class);
        commands.put("start", StartCommand.class);
        commands.put("stop", StopCommand.class);
        commands.put("restart", RestartCommand.class);
        commands.put("reload", ReloadCommand.class);
        commands.put("health", HealthCommand.class);
        commands.put("logs", LogsCommand.class);
        commands.put("call", CallCommand.class);
        commands.put("dashboard", DashboardCommand.class);
        commands.put("export", ExportCommand.class);
        return commands;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * A named class, not lambdas: picocli's interfaces are Java 5 class files, and a lambda
     * implementing one makes the launcher's class-data archive skip picocli's classes (they are
     * linked while the archive is written), and every start then loads and verifies them anew.
     */
    private static final class ErrorHandlers implements CommandLine.IParameterExceptionHandler,
            CommandLine.IExecutionExceptionHandler {
        private final CliContext ctx;

        ErrorHandlers(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public int handleParseException(CommandLine.ParameterException e, String[] args) {
            return badUsage(e);
        }

        @Override
        public int handleExecutionException(Exception e, CommandLine line, CommandLine.ParseResult parsed) {
            return failure(ctx, e, line);
        }
    }

    private static int badUsage(CommandLine.ParameterException e) {
        CommandLine line = e.getCommandLine();
        PrintWriter err = line.getErr();
        err.println("sideeye: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Run '" + line.getCommandSpec().qualifiedName() + " --help' for usage.");
        return ExitCodes.CONFIG;
    }

    private static int failure(CliContext ctx, Exception e, CommandLine line) {
        if (e instanceof ConfigException) {
            ctx.err().println("sideeye: bad configuration: " + e.getMessage());
            ctx.err().println("Nothing was started. Fix it and try again (see docs/CONFIG.md; "
                    + "'sideeye run --print-config' shows every value and its source).");
            return ExitCodes.CONFIG;
        }
        ctx.err().println("sideeye: " + line.getCommandName() + " failed: " + (e.getMessage() == null ? e : e.getMessage()));
        if (ctx.env().containsKey("SIDEEYE_STACKTRACE")) {
            e.printStackTrace(ctx.err());
        } else {
            ctx.err().println("(set SIDEEYE_STACKTRACE=1 to see the stack trace)");
        }
        return ExitCodes.FAILED;
    }
}
