package io.sideeye.cli.output;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sideeye.service.ServiceEvent;
import io.sideeye.service.ServiceJson;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.Map;
import java.util.TimeZone;
import java.util.function.Supplier;

/**
 * One human-readable line per event: local time, name, then the event's fields as
 * {@code key=value} (its message or output line as plain text). The fields come from the
 * event's one JSON form, so new fields show up without changes here. When several services
 * (or copies) run, a column between time and name says whose event it is ({@code web},
 * {@code worker#2}) and the command's own lines carry {@code sideeye} there. The time is
 * {@code HH:mm:ss.SSS} in the zone's offset at that instant, computed without java.time's
 * formatters ({@link InstantText}).
 */
public final class EventFormatter {
    private static final int NAME_WIDTH = 13;

    private final Style style;
    private final Supplier<TimeZone> zones;
    private volatile TimeZone zone; // looked up when the first time is shown

    /** @param zone the time zone times are shown in */
    public EventFormatter(Style style, ZoneId zone) {
        this(style, () -> TimeZone.getTimeZone(zone));
    }

    /** @param zone gives the time zone times are shown in, asked when the first time is shown */
    public EventFormatter(Style style, Supplier<TimeZone> zone) {
        this.style = style;
        this.zones = zone;
    }

    /** The event as one line (an error's cause follows on indented lines). */
    public String format(ServiceEvent event) {
        return format(event, null, 0);
    }

    /**
     * The event as one line with whose event it is in a column of {@code width} characters.
     *
     * @param label the service (and copy) the event belongs to, or null for no label column
     */
    public String format(ServiceEvent event, String label, int width) {
        String prefix = label == null ? "" : pad(label, width);
        String line = line(event.timestamp(), prefix, event.name(), paint(event, fields(event)), colourName(event));
        String cause = event instanceof ServiceEvent.Error e ? e.cause()
                : event instanceof ServiceEvent.ProcessError p ? p.cause() : null;
        if (cause == null || cause.isBlank()) {
            return line;
        }
        StringBuilder withCause = new StringBuilder(line);
        for (String causeLine : cause.split("\\R")) {
            withCause.append(System.lineSeparator()).append(" ".repeat(13 + prefix.length() + NAME_WIDTH + 1))
                    .append(style.dim(ServiceEvent.printable(causeLine)));
        }
        return withCause.toString();
    }

    /**
     * The event's fields: written out per event type, because this runs for every line the
     * backend prints and must cost next to nothing; an event type added later still shows,
     * through its JSON form.
     */
    static String fields(ServiceEvent event) {
        if (event instanceof ServiceEvent.Stdout e) {
            return ServiceEvent.printable(e.line()); // the child's text must not drive the terminal
        } else if (event instanceof ServiceEvent.Stderr e) {
            return ServiceEvent.printable(e.line());
        } else if (event instanceof ServiceEvent.Healthy e) {
            return check(e.status(), e.error(), e.latencyMs());
        } else if (event instanceof ServiceEvent.Unhealthy e) {
            return check(e.status(), e.error(), e.latencyMs());
        } else if (event instanceof ServiceEvent.Starting || event instanceof ServiceEvent.Stopping
                || event instanceof ServiceEvent.Stopped) {
            return "";
        } else if (event instanceof ServiceEvent.Started e) {
            return "pid=" + e.pid() + " port=" + e.port() + " startupMs=" + e.startupMs();
        } else if (event instanceof ServiceEvent.Restarting e) {
            return "attempt=" + e.attempt() + " delayMs=" + e.delayMs();
        } else if (event instanceof ServiceEvent.ProcessExit e) {
            return "code=" + e.code() + (e.signal() == null ? "" : " signal=" + e.signal());
        } else if (event instanceof ServiceEvent.Error e) {
            return e.message();
        } else if (event instanceof ServiceEvent.ProcessError e) {
            return e.message();
        } else if (event instanceof ServiceEvent.Warning e) {
            return e.message();
        } else if (event instanceof ServiceEvent.Info e) {
            return e.message();
        } else if (event instanceof ServiceEvent.ApiError e) {
            return "method=" + e.method() + " endpoint=" + text(e.endpoint()) + " error=" + text(e.error());
        }
        return generic(event);
    }

    private static String check(int status, String error, double latencyMs) {
        if (status == 0 && error == null) {
            return "process alive"; // a healthy check without HTTP: a service with health: process
        }
        return "status=" + status + (error == null ? "" : " error=" + text(error)) + " latencyMs=" + millis(latencyMs);
    }

    /** Any event from its JSON form: {@code key=value} for every field but name and time. */
    private static String generic(ServiceEvent event) {
        ObjectNode json = ServiceJson.toJson(event);
        StringBuilder text = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getKey().equals("name") && !field.getKey().equals("timestamp") && !field.getValue().isNull()) {
                text.append(text.length() == 0 ? "" : " ").append(field.getKey()).append('=')
                        .append(field.getValue().isTextual() ? text(field.getValue().asText()) : field.getValue().toString());
            }
        }
        return text.toString();
    }

    /** Text as a field value: quoted when it is empty or has spaces or quotes. */
    private static String text(String s) {
        if (s == null) {
            return "null";
        }
        return s.isEmpty() || s.indexOf(' ') >= 0 || s.indexOf('"') >= 0
                ? '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"' : s;
    }

    /** {@code 3}, {@code 1.3}: one decimal, none when whole. */
    private static String millis(double ms) {
        long tenths = Math.round(ms * 10);
        return tenths % 10 == 0 ? Long.toString(tenths / 10) : (tenths / 10) + "." + Math.abs(tenths % 10);
    }

    /** A line of the command's own (not an event of the service), in the same layout. */
    public String note(Instant at, String text) {
        return line(at, "", "sideeye", text, style.bold("sideeye"));
    }

    /** A line of the command's own beside labelled events: {@code sideeye} stands in the label column. */
    public String note(Instant at, String text, int width) {
        if (width == 0) {
            return note(at, text);
        }
        return style.dim(time(at)) + " " + style.bold(pad("sideeye", width).stripTrailing())
                + " ".repeat(Math.max(1, width + 1 - "sideeye".length())) + text;
    }

    private String line(Instant at, String label, String name, String text, String paintedName) {
        String pad = " ".repeat(Math.max(1, NAME_WIDTH - name.length() + 1));
        return style.dim(time(at)) + " " + label + paintedName + pad + text;
    }

    /** {@code text} padded to {@code width} plus the column's separating space. */
    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(1, width - text.length() + 1));
    }

    private String colourName(ServiceEvent event) {
        String name = event.name();
        if (event instanceof ServiceEvent.Started || event instanceof ServiceEvent.Healthy) {
            return style.green(name);
        }
        if (event instanceof ServiceEvent.Error || event instanceof ServiceEvent.ProcessError
                || event instanceof ServiceEvent.ApiError) {
            return style.red(name);
        }
        if (event instanceof ServiceEvent.Warning || event instanceof ServiceEvent.Unhealthy
                || event instanceof ServiceEvent.ProcessExit) {
            return style.yellow(name);
        }
        if (event instanceof ServiceEvent.Starting || event instanceof ServiceEvent.Restarting
                || event instanceof ServiceEvent.Stopping) {
            return style.cyan(name);
        }
        if (event instanceof ServiceEvent.Stderr) {
            return style.magenta(name);
        }
        if (event instanceof ServiceEvent.Stdout) {
            return style.dim(name);
        }
        return style.bold(name);
    }

    private String paint(ServiceEvent event, String text) {
        if (event instanceof ServiceEvent.Error || event instanceof ServiceEvent.ProcessError) {
            return style.red(text);
        }
        return text;
    }

    /** {@code HH:mm:ss.SSS} of {@code at}. */
    private String time(Instant at) {
        TimeZone z = zone;
        if (z == null) {
            z = zones.get();
            zone = z;
        }
        return InstantText.timeOfDayMillis(at, z);
    }
}
