package io.sideeye.cli.export;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes values the way systemd unit files read them (systemd.syntax(7), systemd.service(5)):
 * every command-line argument stays one argument, and nothing in a value is taken for a
 * specifier ({@code %}) or, in command lines, a variable ({@code $}).
 */
final class SystemdSyntax {
    private SystemdSyntax() {
    }

    /**
     * A command line for {@code ExecStart=} and its kin: each argument quoted when it holds a
     * space, quote, backslash, semicolon or control character (or is empty), {@code %} written
     * {@code %%} and {@code $} written {@code $$}. Element 0 must be an absolute path: systemd
     * would read a leading {@code -}, {@code @}, {@code :}, {@code +} or {@code !} as a prefix.
     */
    static String commandLine(List<String> argv) {
        if (argv.isEmpty() || !argv.get(0).startsWith("/")) {
            throw new IllegalArgumentException("the executable must be an absolute path: " + argv);
        }
        return argv.stream().map(arg -> argument(arg.replace("$", "$$"))).collect(Collectors.joining(" "));
    }

    /** One {@code Environment=} value: the whole assignment quoted, specifiers escaped. */
    static String assignment(String name, String value) {
        return quoted(name + "=" + value);
    }

    /**
     * A value that systemd takes as a whole line (a path, a description): specifiers escaped.
     * Control characters cannot be written in such a value, nor a trailing backslash: systemd
     * would join the next line to it, and such a value is read without backslash escapes, so
     * doubling it would change the value.
     */
    static String plain(String what, String value) {
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new ExportException(what + " '" + value.replaceAll("\\p{Cntrl}", "?") + "' contains a line break or"
                    + " control character, which a systemd unit cannot hold; rename it");
        }
        if (value.endsWith("\\")) {
            throw new ExportException(what + " '" + value + "' ends with a backslash, which a systemd unit reads as"
                    + " \"continued on the next line\"; rename it or drop the backslash");
        }
        return value.replace("%", "%%");
    }

    /**
     * A time span as systemd reads it: whole seconds as {@code 30s}, anything finer in
     * milliseconds ({@code 1500ms}). Zero is {@code 0}.
     */
    static String timeSpan(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    private static String argument(String arg) {
        boolean quote = arg.isEmpty() || arg.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '\'' || c == '\\'
                || c == ';' || c == 0x7f);
        return quote ? quoted(arg) : arg.replace("%", "%%");
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '%' -> out.append("%%");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
