package io.sideeye.cli.command;

import io.sideeye.cli.CliContext;
import io.sideeye.cli.output.ColorMode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sideeye run} in its everyday forms, without the command-line parser: the options are
 * read here and set on the same option objects the parser would fill ({@link ConfigOptions},
 * {@link ProjectOptions}, {@link OutputOptions}), and the same {@link RunCommand#call()} runs.
 * The parser's model (its classes, the annotations it reads by reflection, the JDK classes both
 * bring) would otherwise stay mapped and compiled for the whole life of the daemon
 * (docs/BENCHMARKS.md, "Daemons"). Anything this class does not recognise or that could be read
 * two ways ({@code --help}, {@code --print-config}, an unknown, clustered or repeated option, a
 * missing, empty or malformed value, a value that starts with {@code -}, a positional argument)
 * is left to the full parser, which also words the errors. The option names are those of the
 * options' annotations (the same constants).
 */
public final class RunShortcut {
    private RunShortcut() {
    }

    /** How an option takes its value. */
    private enum Arity { NONE, REQUIRED, OPTIONAL }

    /**
     * The run command {@code args} describe with its options set, or null when they are not an
     * everyday form of {@code run} (the full command line handles them).
     */
    public static RunCommand parse(CliContext ctx, String... args) {
        if (args.length == 0 || !args[0].equals(RunCommand.NAME)) {
            return null;
        }
        RunCommand run = new RunCommand(ctx);
        run.config = new ConfigOptions();
        run.project = new ProjectOptions();
        run.output = new OutputOptions();
        List<String> given = new ArrayList<>(); // the parser refuses an option given twice (but --set)
        for (int i = 1; i < args.length; i++) {
            String option = args[i];
            String value = null;
            int eq = option.indexOf('=');
            if (option.startsWith("--") && eq > 0) {
                value = option.substring(eq + 1);
                option = option.substring(0, eq);
            }
            Arity arity = arity(option);
            if (arity == null || (arity == Arity.NONE && value != null)) {
                return null;
            }
            if (value == null && arity != Arity.NONE) {
                boolean next = i + 1 < args.length;
                if (arity == Arity.REQUIRED) {
                    if (!next) {
                        return null;
                    }
                    value = args[++i];
                } else if (next && !args[i + 1].startsWith("-")) {
                    return null; // "--dashboard 8080": a value or an argument of its own
                } else {
                    value = RunCommand.DASHBOARD_FALLBACK;
                }
            }
            if (value != null && (value.isEmpty() || value.startsWith("-"))) {
                return null;
            }
            String name = canonical(option);
            if (!name.equals(ConfigOptions.SET)) {
                if (given.contains(name)) {
                    return null;
                }
                given.add(name);
            }
            if (!set(run, name, value)) {
                return null;
            }
        }
        return run;
    }

    /** How {@code option} takes a value; null when it is none this class reads. */
    private static Arity arity(String option) {
        return switch (option) {
            case RunCommand.WATCH, RunCommand.NO_LOG_FILE, ProjectOptions.DEV, OutputOptions.JSON,
                    OutputOptions.NO_COLOR -> Arity.NONE;
            case ConfigOptions.CONFIG, ConfigOptions.CONFIG_SHORT, ConfigOptions.PROFILE, ConfigOptions.SET,
                    ConfigOptions.SET_SHORT, ProjectOptions.PROJECT, ProjectOptions.PORT, ProjectOptions.PYTHON,
                    OutputOptions.COLOR -> Arity.REQUIRED;
            case RunCommand.DASHBOARD -> Arity.OPTIONAL;
            default -> null; // --help, -h, --print-config, a clustered or unknown option: the full parser's
        };
    }

    /** The long name of {@code option}. */
    private static String canonical(String option) {
        return switch (option) {
            case ConfigOptions.CONFIG_SHORT -> ConfigOptions.CONFIG;
            case ConfigOptions.SET_SHORT -> ConfigOptions.SET;
            default -> option;
        };
    }

    /** Sets option {@code name} to {@code value} on {@code run}; false when the value is not one the parser reads the same way. */
    private static boolean set(RunCommand run, String name, String value) {
        switch (name) {
            case RunCommand.WATCH -> run.watch = true;
            case RunCommand.NO_LOG_FILE -> run.noLogFile = true;
            case RunCommand.DASHBOARD -> {
                Integer port = decimal(value);
                if (port == null) {
                    return false;
                }
                run.dashboard = port;
            }
            case ConfigOptions.CONFIG -> {
                Path file = path(value);
                if (file == null) {
                    return false;
                }
                run.config.file = file;
            }
            case ConfigOptions.PROFILE -> run.config.profile = value;
            case ConfigOptions.SET -> {
                int eq = value.indexOf('=');
                if (eq <= 0 || eq == value.length() - 1 || value.indexOf('"') >= 0) {
                    return false; // no KEY=VALUE, or quotes, which the parser reads its own way
                }
                run.config.set.put(value.substring(0, eq), value.substring(eq + 1));
            }
            case ProjectOptions.PROJECT -> {
                Path dir = path(value);
                if (dir == null) {
                    return false;
                }
                run.project.project = dir;
            }
            case ProjectOptions.PORT -> run.project.port = value;
            case ProjectOptions.PYTHON -> run.project.python = value;
            case ProjectOptions.DEV -> run.project.dev = true;
            case OutputOptions.JSON -> run.output.json = true;
            case OutputOptions.NO_COLOR -> run.output.noColor = true;
            case OutputOptions.COLOR -> {
                ColorMode mode = ControlShortcut.colorMode(value);
                if (mode == null) {
                    return false;
                }
                run.output.color = mode;
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** {@code value} as a path, or null when it is none. */
    private static Path path(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /**
     * {@code value} when it is a plain decimal number that fits an int (no sign, no leading zero:
     * forms the parser may read otherwise), else null.
     */
    private static Integer decimal(String value) {
        if (value.length() > 9 || (value.length() > 1 && value.charAt(0) == '0')) {
            return null;
        }
        int n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
