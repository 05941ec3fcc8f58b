package io.sideeye.cli.command;

import io.sideeye.cli.CliContext;
import io.sideeye.cli.output.ColorMode;
import io.sideeye.cli.output.Console;
import picocli.CommandLine.Option;

/** {@code --json}, {@code --color} and {@code --no-color}. */
public final class OutputOptions {
    /** The options' names. */
    static final String JSON = "--json";
    static final String COLOR = "--color";
    static final String NO_COLOR = "--no-color";

    @Option(names = JSON, description = "Print one JSON object per line instead of text.")
    boolean json;

    @Option(names = COLOR, paramLabel = "WHEN", defaultValue = "auto",
            description = "Colour the output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: only on a terminal,"
                    + " and not when NO_COLOR is set).")
    ColorMode color = ColorMode.AUTO;

    @Option(names = NO_COLOR, description = "Same as --color=never.")
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
