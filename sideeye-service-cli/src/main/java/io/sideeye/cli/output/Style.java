package io.sideeye.cli.output;

import java.util.Map;

/** ANSI colours for terminal output, or plain text when colour is off. */
public final class Style {
    private static final String RESET = "\u001b[0m";

    /** No colours. */
    public static final Style PLAIN = new Style(false);
    /** ANSI colours. */
    public static final Style ANSI = new Style(true);

    private final boolean enabled;

    private Style(boolean enabled) {
        this.enabled = enabled;
    }

    /** The style for {@code mode}: AUTO colours only a terminal, and honours {@code NO_COLOR} and {@code TERM=dumb}. */
    public static Style forMode(ColorMode mode, boolean terminal, Map<String, String> env) {
        return switch (mode) {
            case ALWAYS -> ANSI;
            case NEVER -> PLAIN;
            case AUTO -> terminal && env.get("NO_COLOR") == null && !"dumb".equals(env.get("TERM")) ? ANSI : PLAIN;
        };
    }

    /** Whether colours are emitted. */
    public boolean enabled() {
        return enabled;
    }

    /** Green: success. */
    public String green(String s) { return paint("32", s); }
    /** Red: failure. */
    public String red(String s) { return paint("31", s); }
    /** Yellow: warnings. */
    public String yellow(String s) { return paint("33", s); }
    /** Cyan: transitions in progress. */
    public String cyan(String s) { return paint("36", s); }
    /** Magenta: the child's standard error. */
    public String magenta(String s) { return paint("35", s); }
    /** Dim: secondary text such as times. */
    public String dim(String s) { return paint("2", s); }
    /** Bold: emphasis. */
    public String bold(String s) { return paint("1", s); }

    private String paint(String code, String s) {
        return enabled ? "\u001b[" + code + "m" + s + RESET : s;
    }
}
