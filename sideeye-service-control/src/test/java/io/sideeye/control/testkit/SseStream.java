package io.sideeye.control.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reads a Server-Sent-Events response frame by frame. */
public final class SseStream implements AutoCloseable {
    private final Socket socket;
    private final ChunkedReader chunks;
    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final StringBuilder pending = new StringBuilder();

    /** Opens {@code request} and reads the response head. */
    public SseStream(RawHttp request) throws IOException {
        this.socket = request.open();
        InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), 65536);
        this.status = Integer.parseInt(RawHttp.readLine(in).split(" ")[1]);
        String line;
        while (!(line = RawHttp.readLine(in)).isEmpty()) {
            int colon = line.indexOf(':');
            headers.putIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        this.chunks = new ChunkedReader(in);
    }

    /** The response status. */
    public int status() {
        return status;
    }

    /** A response header (case-insensitive). */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The next raw frame without its blank-line terminator, or null at the end of the stream. */
    public String nextRawFrame() throws IOException {
        while (true) {
            int end = pending.indexOf("\n\n");
            if (end >= 0) {
                String frame = pending.substring(0, end);
                pending.delete(0, end + 2);
                return frame;
            }
            byte[] chunk = chunks.next();
            if (chunk == null) {
                return null;
            }
            pending.append(new String(chunk, StandardCharsets.UTF_8));
        }
    }

    /** The next event that is not a comment or retry hint, or null at the end of the stream. */
    public Event nextEvent() throws IOException {
        String raw;
        while ((raw = nextRawFrame()) != null) {
            Event e = Event.parse(raw);
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /**
     * A parsed event.
     *
     * @param type the event type
     * @param data the data lines joined by newlines
     */
    public record Event(String type, String data) {
        static Event parse(String raw) {
            String type = "message";
            StringBuilder data = null;
            for (String line : raw.split("\n")) {
                if (line.startsWith("event: ")) {
                    type = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = data == null ? new StringBuilder() : data.append('\n');
                    data.append(line.substring(6));
                }
            }
            return data == null ? null : new Event(type, data.toString());
        }
    }
}
