package io.sideeye.control.ipc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sideeye.control.http.ControlExchange;
import io.sideeye.control.http.HttpStatusException;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.LogLine;
import io.sideeye.service.ServiceGroup;
import io.sideeye.service.ServiceJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /ipc/logs?n=N}: the last N output lines of the addressed service, each
 * {@code {timestamp, stream, line, instance}}; the lines of a replicated service's instances are
 * merged in time order.
 */
final class LogsRoute {
    /** Most log lines one request may ask for. */
    static final int MAX_LOG_LINES = 10_000;

    private final GroupSlot slot;

    LogsRoute(GroupSlot slot) {
        this.slot = slot;
    }

    void handle(ControlExchange ex) {
        int n = parseLineCount(ex.query("n"));
        ServiceGroup group = slot.get();
        if (group == null) {
            ex.sendJson(503, Envelopes.notInitialized("lines", List.of()));
            return;
        }
        List<DjangoServiceManager> instances = ServiceTarget.of(group, ex).instances();
        List<Numbered> merged = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            List<LogLine> lines = instances.get(i).recentLogs();
            for (LogLine line : lines.subList(Math.max(0, lines.size() - n), lines.size())) {
                merged.add(new Numbered(line, i + 1));
            }
        }
        if (instances.size() > 1) {
            merged.sort(Comparator.comparing(l -> l.line().timestamp())); // stable: each instance keeps its order
        }
        ArrayNode lines = ServiceJson.array();
        for (Numbered l : merged.subList(Math.max(0, merged.size() - n), merged.size())) {
            ObjectNode node = ServiceJson.tree(l.line());
            node.put("instance", l.instance());
            lines.add(node);
        }
        ObjectNode reply = Envelopes.ok();
        reply.set("lines", lines);
        ex.sendJson(200, reply);
    }

    static int parseLineCount(String text) {
        if (text == null) {
            return 100;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 0 && n <= MAX_LOG_LINES) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new HttpStatusException(400, "n must be a whole number from 0 to " + MAX_LOG_LINES + ", got '"
                + text + "'");
    }

    /** A line and the instance that wrote it. */
    private record Numbered(LogLine line, int instance) {
    }
}
