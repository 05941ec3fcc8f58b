package io.sideeye.cli.output;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sideeye.service.GroupEvent;
import io.sideeye.service.ServiceEvent;
import io.sideeye.service.ServiceJson;
import java.io.PrintStream;
import java.time.Clock;
import java.util.TimeZone;
import java.util.function.Supplier;

/**
 * Where a command's output goes: events and the command's own notes on standard output (one
 * line each; one JSON object each with {@code --json}), warnings and errors on standard error,
 * and on a terminal a transient progress line that other output never collides with.
 * Thread-safe: events arrive on the manager's event thread, notes on others.
 */
public final class Console {
    private static final String CLEAR_LINE = "\r\u001b[2K";

    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;
    private final boolean terminal;
    private final Style style;
    private final EventFormatter formatter;
    private final Clock clock;
    private String progress;
    private int labelWidth;

    /**
     * @param json     print JSON objects instead of text lines
     * @param terminal whether standard output is a terminal (enables the progress line)
     */
    public Console(PrintStream out, PrintStream err, boolean json, boolean terminal, Style style, Clock clock) {
        this(out, err, json, terminal, style, clock, () -> TimeZone.getTimeZone(clock.getZone()));
    }

    /**
     * @param json     print JSON objects instead of text lines
     * @param terminal whether standard output is a terminal (enables the progress line)
     * @param zone     the time zone text lines show times in, asked when the first time is shown
     */
    public Console(PrintStream out, PrintStream err, boolean json, boolean terminal, Style style, Clock clock,
                   Supplier<TimeZone> zone) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.terminal = terminal && !json;
        this.style = style;
        this.clock = clock;
        this.formatter = new EventFormatter(style, zone);
    }

    /** The style in use. */
    public Style style() {
        return style;
    }

    /** Whether output is JSON. */
    public boolean json() {
        return json;
    }

    /** Whether a progress line can be shown. */
    public boolean showsProgress() {
        return terminal;
    }

    /** Prints one event. */
    public synchronized void event(ServiceEvent event) {
        println(json ? ServiceJson.toJson(event).toString() : formatter.format(event));
    }

    /**
     * Prints one event of a group's service: as text with {@code label} in the label column
     * (none when null), as JSON with {@code "service"} and {@code "instance"}.
     */
    public synchronized void event(GroupEvent event, String label) {
        if (json) {
            ObjectNode node = ServiceJson.toJson(event.event());
            node.put("service", event.service());
            node.put("instance", event.instance());
            println(node.toString());
        } else {
            println(label == null ? formatter.format(event.event()) : formatter.format(event.event(), label, labelWidth));
        }
    }

    /** The width of the label column of text output (0: none), wide enough for every label and {@code sideeye}. */
    public synchronized void labelWidth(int width) {
        this.labelWidth = width == 0 ? 0 : Math.max(width, "sideeye".length());
    }

    /** Prints a line of the command's own (JSON: {@code {"name":"sideeye","timestamp":...,"message":...}}). */
    public synchronized void note(String message) {
        if (json) {
            ObjectNode node = ServiceJson.object();
            node.put("name", "sideeye");
            node.put("timestamp", clock.instant().toString());
            node.put("message", message);
            println(node.toString());
        } else {
            println(formatter.note(clock.instant(), message, labelWidth));
        }
    }

    /** Prints plain text to standard output, as is. */
    public synchronized void print(String text) {
        println(text);
    }

    /** A warning on standard error. */
    public synchronized void warn(String message) {
        clearProgressLine();
        err.println(style.yellow("sideeye: warning: ") + message);
        err.flush();
        redrawProgress();
    }

    /** An error on standard error. */
    public synchronized void error(String message) {
        clearProgressLine();
        err.println(style.red("sideeye: ") + message);
        err.flush();
        redrawProgress();
    }

    /** Shows (or replaces) the transient progress line; ignored when not on a terminal. */
    public synchronized void progress(String text) {
        if (!terminal) {
            return;
        }
        progress = text;
        redrawProgress();
    }

    /** Removes the progress line. */
    public synchronized void clearProgress() {
        clearProgressLine();
        progress = null;
    }

    private void println(String line) {
        clearProgressLine();
        out.println(line);
        redrawProgress();
        out.flush();
    }

    private void clearProgressLine() {
        if (progress != null) {
            out.print(CLEAR_LINE);
        }
    }

    private void redrawProgress() {
        if (progress != null) {
            out.print(CLEAR_LINE + progress);
            out.flush();
        }
    }
}
