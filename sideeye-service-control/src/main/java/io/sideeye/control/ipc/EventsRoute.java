package io.sideeye.control.ipc;

import com.sun.net.httpserver.HttpExchange;
import io.sideeye.control.http.ControlExchange;
import io.sideeye.control.sse.SseFrame;
import io.sideeye.control.sse.SseHub;
import java.io.IOException;
import java.util.List;

/**
 * {@code GET /ipc/events}: opens a Server-Sent-Events stream. The first frames are a
 * {@code retry} hint and the current {@code django-service-status}; live frames follow.
 */
final class EventsRoute {
    /** Reconnection delay suggested to clients, in milliseconds. */
    static final long RETRY_MILLIS = 1000;

    private final SseHub hub;
    private final ManagerSlot slot;

    EventsRoute(SseHub hub, ManagerSlot slot) {
        this.hub = hub;
        this.slot = slot;
    }

    void handle(ControlExchange ex) throws IOException {
        if (!ex.claimForStreaming()) {
            return;
        }
        HttpExchange raw = ex.raw();
        raw.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        raw.getResponseHeaders().set("X-Accel-Buffering", "no");
        try {
            raw.sendResponseHeaders(200, 0);
        } catch (IOException e) {
            raw.close();
            throw e;
        }
        hub.subscribe(raw, () -> List.of(
                SseFrame.retry(RETRY_MILLIS),
                EventForwarder.statusFrame(ManagerSlot.currentStatus(slot.get()))));
    }
}
