package io.sideeye.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Every service of a run as a table, one row per copy: service, instance, state, pid, port and
 * the last health check, from the control plane's {@code GET /ipc/services} answer.
 */
public final class StatusTable {
    private static final List<String> HEADER = List.of("SERVICE", "INSTANCE", "STATE", "PID", "PORT", "HEALTH");

    private final Style style;

    /** A table painted with {@code style}. */
    public StatusTable(Style style) {
        this.style = style;
    }

    /**
     * The table.
     *
     * @param services {@code {"web":[status...], "worker":[status, status]}}
     */
    public String format(JsonNode services) {
        List<List<String>> rows = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> service = it.next();
            int instance = 0;
            for (JsonNode status : service.getValue()) {
                instance++;
                rows.add(List.of(service.getKey(), Integer.toString(instance), state(status),
                        status.path("pid").isNull() || status.path("pid").isMissingNode() ? "-" : status.path("pid").asText(),
                        status.path("port").asInt() == 0 ? "-" : status.path("port").asText(), health(status)));
            }
        }
        int[] widths = new int[HEADER.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = HEADER.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder(style.bold(line(HEADER, widths)));
        for (List<String> row : rows) {
            out.append('\n').append(paint(line(row, widths), row.get(2)));
        }
        return out.toString();
    }

    private static String state(JsonNode status) {
        String state = status.path("state").asText("UNKNOWN");
        return status.path("remote").asBoolean() ? state + " (remote)" : state;
    }

    private static String health(JsonNode status) {
        JsonNode check = status.path("lastHealthCheck");
        if (!check.isObject()) {
            return "-";
        }
        if (check.path("healthy").asBoolean()) {
            return "healthy" + (check.path("status").asInt() > 0 ? String.format(" (HTTP %d, %.1f ms)",
                    check.path("status").asInt(), check.path("latencyMs").asDouble()) : "");
        }
        return "unhealthy" + (check.hasNonNull("error") ? ": " + check.path("error").asText() : "");
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            boolean last = i == cells.size() - 1;
            line.append(last ? cells.get(i) : String.format("%-" + widths[i] + "s  ", cells.get(i)));
        }
        return line.toString();
    }

    private String paint(String line, String state) {
        if (state.startsWith("FAILED")) {
            return style.red(line);
        }
        if (state.startsWith("STOPPED")) {
            return style.dim(line);
        }
        return state.startsWith("RUNNING") || state.startsWith("EXTERNAL") ? line : style.yellow(line);
    }
}
