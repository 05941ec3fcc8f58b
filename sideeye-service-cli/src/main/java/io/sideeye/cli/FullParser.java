package io.sideeye.cli;

import io.sideeye.cli.command.CallCommand;
import io.sideeye.cli.command.DashboardCommand;
import io.sideeye.cli.command.DemoCommand;
import io.sideeye.cli.command.DoctorCommand;
import io.sideeye.cli.command.ExportCommand;
import io.sideeye.cli.command.HealthCommand;
import io.sideeye.cli.command.InitCommand;
import io.sideeye.cli.command.LogsCommand;
import io.sideeye.cli.command.ReloadCommand;
import io.sideeye.cli.command.RestartCommand;
import io.sideeye.cli.command.RunCommand;
import io.sideeye.cli.command.SelftestCommand;
import io.sideeye.cli.command.StartCommand;
import io.sideeye.cli.command.StatusCommand;
import io.sideeye.cli.command.StopCommand;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * The command line as the parser (picocli) reads it: {@link SideEye} with its commands, the
 * parser's settings and how it reports bad usage and failures. A class of its own, so that a
 * start without the parser ({@link io.sideeye.cli.command.RunShortcut}) loads none of picocli's
 * classes (the verifier loads the interfaces a class hands its objects to).
 */
final class FullParser {
    private FullParser() {
    }

    /** The command line for {@code args}, set up as every command runs (tests parse with it). */
    static CommandLine commandLine(CliContext ctx, String... args) {
        CommandLine cli = new CommandLine(new SideEye(), new ContextFactory(ctx));
        // Building a command's model costs reflection over all its options: when the first
        // argument names a command, only that one is built, which shortens every start.
        Class<?> chosen = args.length > 0 ? Commands.ALL.get(args[0]) : null;
        if (chosen != null) {
            cli.addSubcommand(args[0], chosen);
        } else if (args.length != 1 || !(args[0].equals("--version") || args[0].equals("-V"))) {
            Commands.ALL.forEach(cli::addSubcommand);
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
        return cli;
    }

    /**
     * The command line with every command added, as {@code sideeye --help} lists them: what the
     * shell completion scripts are generated from ({@link CompletionScripts}).
     */
    static CommandLine everyCommand(CliContext ctx) {
        CommandLine cli = new CommandLine(new SideEye(), new ContextFactory(ctx));
        Commands.ALL.forEach(cli::addSubcommand);
        cli.addSubcommand("help", CommandLine.HelpCommand.class);
        return cli;
    }

    /** The class of command {@code name}, or null when there is none of that name. */
    static Class<?> commandClass(String name) {
        return Commands.ALL.get(name);
    }

    /**
     * The commands, in the order {@code --help} lists them: in a class of their own, so that a
     * start that does not use the parser does not load every command class.
     */
    private static final class Commands {
        static final Map<String, Class<?>> ALL = commands();

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
            return SideEye.failure(ctx, e, line.getCommandName());
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
}
