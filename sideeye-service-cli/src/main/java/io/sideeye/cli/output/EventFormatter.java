package io.sideeye.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sideeye.service.ServiceEvent;
import io.sideeye.service.ServiceJson;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Map;

/**
 * One human-readable line per event: local time, name, then the event's fields as
 * {@code key=value} (its message or output line as plain text). The fields come from the
 * event's one JSON form, so new fields show up without changes here.
 */
public final class EventFormatter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final int NAME_WIDTH = 13;

    private final Style style;
    private final ZoneId zone;

    /** @param zone the time zone times are shown in */
    public EventFormatter(Style style, ZoneId zone) {
        this.style = style;
        this.zone = zone;
    }

    /** The event as one line (an error's cause follows on indented lines). */
    public String format(ServiceEvent event) {
        ObjectNode json = ServiceJson.toJson(event);
        StringBuilder text = new StringBuilder();
        String cause = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.equals("name") || key.equals("timestamp") || value.isNull()) {
                continue;
            }
            if (key.equals("cause") && event instanceof ServiceEvent.Error) {
                cause = value.asText();
                continue;
            }
            if (text.length() > 0) {
                text.append(' ');
            }
            if (key.equals("message") || key.equals("line")) {
                text.append(value.asText());
            } else {
                text.append(key).append('=').append(render(value));
            }
        }
        String line = line(event.timestamp(), event.name(), paint(event, text.toString()), colourName(event));
        if (cause != null && !cause.isBlank()) {
            StringBuilder withCause = new StringBuilder(line);
            for (String causeLine : cause.split("\\R")) {
                withCause.append(System.lineSeparator()).append(" ".repeat(13 + NAME_WIDTH + 1))
                        .append(style.dim(causeLine));
            }
            return withCause.toString();
        }
        return line;
    }

    /** A line of the command's own (not an event of the service), in the same layout. */
    public String note(Instant at, String text) {
        return line(at, "sideeye", text, style.bold("sideeye"));
    }

    private String line(Instant at, String name, String text, String paintedName) {
        String pad = " ".repeat(Math.max(1, NAME_WIDTH - name.length() + 1));
        return style.dim(TIME.format(at.atZone(zone))) + " " + paintedName + pad + text;
    }

    private static String render(JsonNode value) {
        if (value.isTextual()) {
            String s = value.asText();
            return s.isEmpty() || s.chars().anyMatch(c -> c == ' ' || c == '"') ? ServiceJson.write(s) : s;
        }
        if (value.isDouble() || value.isFloat()) {
            double d = value.asDouble();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.format("%.1f", d);
        }
        return value.toString();
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
}
