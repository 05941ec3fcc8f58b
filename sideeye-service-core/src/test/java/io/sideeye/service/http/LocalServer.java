package io.sideeye.service.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 and a free port (the JDK's {@link HttpServer}) that records
 * every request and answers with a configurable {@link Responder}.
 */
public final class LocalServer implements AutoCloseable {

    /** What the server received. */
    public record Received(String method, String path, String query, Headers headers, byte[] body, int remotePort) {
        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    /** Answers one exchange (the request body is already read). */
    @FunctionalInterface
    public interface Responder {
        void respond(HttpExchange exchange, Received request) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Responder responder = (exchange, request) -> send(exchange, 200, "text/plain", "ok");

    public LocalServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public LocalServer answering(Responder r) {
        responder = r;
        return this;
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Received> received() {
        return received;
    }

    public Received last() {
        return received.get(received.size() - 1);
    }

    /** Sends a complete answer with a Content-Length (no body for HEAD). */
    public static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        boolean bodiless = exchange.getRequestMethod().equals("HEAD") || status == 204;
        exchange.sendResponseHeaders(status, bodiless ? -1 : bytes.length);
        if (!bodiless) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body,
                exchange.getRemoteAddress().getPort());
        received.add(request);
        try {
            responder.respond(exchange, request);
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
