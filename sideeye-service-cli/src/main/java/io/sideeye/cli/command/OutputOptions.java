package io.sideeye.cli.command;

import io.sideeye.cli.CliContext;
import io.sideeye.cli.output.ColorMode;
import io.sideeye.cli.output.Console;
import picocli.CommandLine.Option;

/** {@code --json}, {@code --color} and {@code --no-color}. */
public final class OutputOptions {

    @Option(names = "--json", description = "Print one JSON object per line instead of text.")
    boolean json;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Colour the output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: only on a terminal,"
                    + " and not when NO_COLOR is set).")
    ColorMode color = ColorMode.AUTO;

    @Option(names = "--no-color", description = "Same as --color=never.")
    boolean noColor;

    /** The console these options ask for. */
    public Console console(CliContext ctx) {
        return ctx.console(json, noColor ? ColorMode.NEVER : color);
    }

    /** Whether JSON output was asked for. */
    public boolean json() {
        return json;
    }
}
