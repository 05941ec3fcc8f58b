package io.sideeye.control.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.sideeye.service.ServiceJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request and its single response. Each {@code send...} method answers and closes the
 * exchange; later calls are ignored, so an asynchronous completion racing a failure cannot
 * answer twice. A client that went away is not an error worth more than a debug line.
 */
public final class ControlExchange {
    private static final Logger LOG = LoggerFactory.getLogger(ControlExchange.class);
    private static final ObjectReader JSON_READER = ServiceJson.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final HttpExchange exchange;
    private final long maxBodyBytes;
    private final AtomicBoolean answered = new AtomicBoolean();
    private byte[] body; // once read

    /** Wraps {@code exchange}; request bodies above {@code maxBodyBytes} are refused with 413. */
    public ControlExchange(HttpExchange exchange, long maxBodyBytes) {
        this.exchange = exchange;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The HTTP method, upper case. */
    public String method() {
        return exchange.getRequestMethod();
    }

    /** The request path without the query. */
    public String path() {
        return exchange.getRequestURI().getRawPath();
    }

    /** The request headers. */
    public Headers requestHeaders() {
        return exchange.getRequestHeaders();
    }

    /** The response headers, to add to before sending. */
    public Headers responseHeaders() {
        return exchange.getResponseHeaders();
    }

    /** The raw exchange, for streaming responses. */
    public HttpExchange raw() {
        return exchange;
    }

    /** The first value of query parameter {@code name}, decoded, or null. */
    public String query(String name) {
        String q = exchange.getRequestURI().getRawQuery();
        if (q == null) {
            return null;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /**
     * The body as a JSON object.
     *
     * @throws HttpStatusException 415 unless the content type is JSON, 413 when the body exceeds
     *                             the cap, 400 when it is empty, malformed (with line and column)
     *                             or not an object
     */
    public ObjectNode readJsonObject() throws IOException {
        String type = requestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new HttpStatusException(415, "request body must be JSON: send 'Content-Type: application/json'");
        }
        byte[] body = readBody();
        if (body.length == 0) {
            throw new HttpStatusException(400, "request body is empty; expected a JSON object");
        }
        JsonNode node;
        try {
            node = JSON_READER.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new HttpStatusException(400, "malformed JSON" + where + ": " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode)) {
            throw new HttpStatusException(400, "request body must be a JSON object, not " + node.getNodeType());
        }
        return (ObjectNode) node;
    }

    /**
     * The body, at most the cap; a longer one is refused with 413 before it is read in full.
     * Read once; once read, the request has arrived ({@link RequestDeadline#arrived()}).
     */
    public byte[] readBody() throws IOException {
        if (body != null) {
            return body;
        }
        String declared = requestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > maxBodyBytes) {
                    throw tooLarge();
                }
            } catch (NumberFormatException e) {
                throw new HttpStatusException(400, "Content-Length is not a number");
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try (InputStream in = exchange.getRequestBody()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > maxBodyBytes) {
                    throw tooLarge();
                }
                out.write(buf, 0, n);
            }
        }
        body = out.toByteArray();
        RequestDeadline.arrived();
        return body;
    }

    /** Whether the request declares a body (a length above zero, or a transfer coding). */
    public boolean hasBody() {
        String length = requestHeaders().getFirst("Content-Length");
        return requestHeaders().containsKey("Transfer-encoding")
                || length != null && !length.trim().equals("0");
    }

    private HttpStatusException tooLarge() {
        return new HttpStatusException(413, "request body exceeds the limit of " + maxBodyBytes + " bytes");
    }

    /** Answers with {@code value} rendered as JSON. */
    public void sendJson(int status, Object value) {
        sendJsonText(status, ServiceJson.write(value));
    }

    /** Answers with {@code json}, a JSON text already written. */
    public void sendJsonText(int status, String json) {
        send(status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
    }

    /** Answers with a JSON error envelope {@code {"success":false,"error":message}}. */
    public void sendError(int status, String message) {
        ObjectNode node = ServiceJson.object();
        node.put("success", false);
        node.put("error", message);
        sendJson(status, node);
    }

    /** Answers with {@code body} of {@code contentType}. */
    public void send(int status, String contentType, byte[] body) {
        if (!answered.compareAndSet(false, true)) {
            return;
        }
        try {
            if (contentType != null) {
                responseHeaders().set("Content-Type", contentType);
            }
            boolean empty = body.length == 0 || "HEAD".equals(method());
            exchange.sendResponseHeaders(status, empty ? -1 : body.length);
            if (!empty) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            LOG.debug("client left before the answer to {} {} was sent: {}", method(), path(), e.toString());
        } finally {
            exchange.close();
        }
    }

    /** Answers with a redirect to {@code location}. */
    public void redirect(String location) {
        responseHeaders().set("Location", location);
        send(303, null, new byte[0]);
    }

    /**
     * Marks the exchange as answered by a stream that writes its own response (Server-Sent
     * Events); later {@code send...} calls are ignored.
     */
    public boolean claimForStreaming() {
        return answered.compareAndSet(false, true);
    }
}
