package io.sideeye.cli.command;

import io.sideeye.cli.CliContext;
import io.sideeye.cli.output.ColorMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The control commands ({@code status}, {@code start}, {@code stop}, {@code restart},
 * {@code call}) in their everyday forms, without the command-line parser: the arguments are
 * read here and set on the same command objects the parser would fill, so the output and exit
 * codes are the same. Building the parser's model costs more than such a command's whole work
 * (docs/BENCHMARKS.md, "CLI: control commands"); anything this class does not recognise (help,
 * an unknown or clustered option, a missing value) is left to the full parser, which also
 * words the errors.
 */
public final class ControlShortcut {
    private ControlShortcut() {
    }

    /**
     * Runs {@code args} when they are an everyday form of a control command.
     *
     * @return the exit code, or null when the full command line should handle {@code args}
     */
    public static Integer run(CliContext ctx, String... args) {
        RemoteCommand command = parse(ctx, args);
        return command == null ? null : command.call();
    }

    /** The command {@code args} describe with its fields set, or null when they are not an everyday form. */
    static RemoteCommand parse(CliContext ctx, String... args) {
        if (args.length == 0) {
            return null;
        }
        String name = args[0];
        boolean call = name.equals("call");
        if (!call && !List.of("status", "start", "stop", "restart").contains(name)) {
            return null;
        }
        OutputOptions output = new OutputOptions();
        Long pid = null;
        String method = "GET";
        String data = null;
        List<String> positional = new ArrayList<>();
        boolean onlyPositional = false;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (onlyPositional || !a.startsWith("-") || a.equals("-")) {
                positional.add(a);
                continue;
            }
            String option = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                option = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            boolean takesValue = option.equals("--pid") || option.equals(OutputOptions.COLOR)
                    || (call && List.of("-X", "--method", "-d", "--data").contains(option));
            if (takesValue && value == null) {
                if (i + 1 >= args.length) {
                    return null;
                }
                value = args[++i];
            } else if (!takesValue && value != null) {
                return null;
            }
            switch (option) {
                case "--" -> onlyPositional = true;
                case OutputOptions.JSON -> output.json = true;
                case OutputOptions.NO_COLOR -> output.noColor = true;
                case OutputOptions.COLOR -> {
                    ColorMode mode = colorMode(value);
                    if (mode == null) {
                        return null;
                    }
                    output.color = mode;
                }
                case "--pid" -> {
                    try {
                        pid = Long.valueOf(value);
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
                case "-X", "--method" -> {
                    if (!call) {
                        return null;
                    }
                    method = value;
                }
                case "-d", "--data" -> {
                    if (!call) {
                        return null;
                    }
                    data = value;
                }
                default -> {
                    return null; // --help, -h, a clustered or unknown option: the full parser's
                }
            }
        }
        RemoteCommand command;
        if (call) {
            if (positional.isEmpty() || positional.size() > 2) {
                return null;
            }
            CallCommand c = new CallCommand(ctx);
            c.target = positional;
            c.method = method;
            c.data = data;
            command = c;
        } else {
            if (positional.size() > 1) {
                return null;
            }
            ServiceArgument service = new ServiceArgument();
            service.name = positional.isEmpty() ? null : positional.get(0);
            if (name.equals("status")) {
                StatusCommand c = new StatusCommand(ctx);
                c.service = service;
                command = c;
            } else {
                LifecycleCommand c = switch (name) {
                    case "start" -> new StartCommand(ctx);
                    case "stop" -> new StopCommand(ctx);
                    default -> new RestartCommand(ctx);
                };
                c.service = service;
                command = c;
            }
        }
        command.output = output;
        command.pid = pid;
        return command;
    }

    /** The colour mode {@code value} names in any case, as the full parser reads it; null when none. */
    static ColorMode colorMode(String value) {
        for (ColorMode mode : ColorMode.values()) {
            if (mode.name().equalsIgnoreCase(value)) {
                return mode;
            }
        }
        return null;
    }
}
