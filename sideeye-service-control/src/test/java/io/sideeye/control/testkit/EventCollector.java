package io.sideeye.control.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.service.ServiceJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Reads an event stream on a background thread and keeps every event, in order. */
public final class EventCollector implements AutoCloseable {
    private final SseStream stream;
    private final List<SseStream.Event> events = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean ended;

    /** Subscribes to {@code /ipc/events} of the server on {@code port} with {@code token}. */
    public EventCollector(int port, String token) throws IOException {
        this(port, token, "/ipc/events");
    }

    /** Subscribes to {@code target} (e.g. {@code /ipc/events?service=worker}). */
    public EventCollector(int port, String token, String target) throws IOException {
        this.stream = new SseStream(RawHttp.request(port, "GET", target).bearer(token));
        if (stream.status() != 200) {
            throw new IllegalStateException("event stream answered " + stream.status());
        }
        this.reader = new Thread(this::read, "test-sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            SseStream.Event e;
            while ((e = stream.nextEvent()) != null) {
                events.add(e);
            }
        } catch (IOException e) {
            // the stream was closed
        } finally {
            ended = true;
        }
    }

    /** Every event so far. */
    public List<SseStream.Event> events() {
        return List.copyOf(events);
    }

    /** Whether the server ended the stream. */
    public boolean ended() {
        return ended;
    }

    /** The data of every event of {@code type}, parsed as JSON, in order. */
    public List<JsonNode> data(String type) {
        return events.stream().filter(e -> e.type().equals(type)).map(e -> parse(e.data())).toList();
    }

    /** The {@code status} field of every {@code django-service-status} event, in order. */
    public List<String> statuses() {
        return data("django-service-status").stream().map(n -> n.get("status").asText()).toList();
    }

    /** The {@code name} of every {@code service-event}, in order. */
    public List<String> serviceEventNames() {
        return data("service-event").stream().map(n -> n.get("name").asText()).toList();
    }

    private static JsonNode parse(String json) {
        try {
            return ServiceJson.reader().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("event data is not JSON: " + json, e);
        }
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
