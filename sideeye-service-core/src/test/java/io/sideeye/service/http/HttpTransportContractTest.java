package io.sideeye.service.http;

import static io.sideeye.service.http.Calls.failure;
import static io.sideeye.service.http.Calls.get;
import static io.sideeye.service.http.Calls.reply;
import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.client.JdkHttpTransport;
import io.sideeye.service.probe.LoopTransport;
import io.sideeye.service.probe.ProbeLoop;
import io.sideeye.service.probe.SocketHttpProbe;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What every transport (and the probe loop) must do alike, against real local servers. */
class HttpTransportContractTest {

    static Stream<HttpTransport> transports() {
        return Stream.of(SocketHttpProbe.shared(), JdkHttpTransport.shared(), new LoopTransport(ProbeLoop.shared()));
    }

    static Stream<Arguments> transportsAndMethods() {
        List<Arguments> all = new ArrayList<>();
        transports().forEach(t -> HttpMethodsUnderTest.ALL.forEach(m -> all.add(Arguments.of(t, m))));
        return all.stream();
    }

    /** The methods and whether the test sends a body with them. */
    private static final class HttpMethodsUnderTest {
        static final List<String> ALL = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

        static boolean withBody(String method) {
            return List.of("POST", "PUT", "PATCH", "DELETE").contains(method);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("transportsAndMethods")
    void sendsMethodBodyAndHeadersAndReadsTheAnswer(HttpTransport transport, String method) throws Exception {
        try (LocalServer server = new LocalServer().answering((exchange, request) -> LocalServer.send(exchange, 201,
                "application/json", "{\"method\":\"" + request.method() + "\",\"length\":" + request.body().length + "}"))) {
            byte[] body = HttpMethodsUnderTest.withBody(method)
                    ? "{\"title\":\"caf\u00e9\"}".getBytes(StandardCharsets.UTF_8) : null;
            HttpCall call = new HttpCall(method, server.uri("/api/notes/?page=2&q=a%20b"),
                    Map.of("Authorization", "Bearer secret-token", "Accept", "application/json",
                            "Content-Type", "application/json"),
                    body, Duration.ofSeconds(10), 1 << 20);

            HttpReply reply = reply(transport.send(call));

            LocalServer.Received received = server.last();
            assertThat(received.method()).isEqualTo(method);
            assertThat(received.path()).isEqualTo("/api/notes/");
            assertThat(received.query()).isEqualTo("page=2&q=a%20b");
            assertThat(received.header("Host")).isEqualTo("127.0.0.1:" + server.port());
            assertThat(received.header("Authorization")).isEqualTo("Bearer secret-token");
            assertThat(received.header("Accept")).isEqualTo("application/json");
            assertThat(received.body()).isEqualTo(body == null ? new byte[0] : body);
            assertThat(reply.status()).isEqualTo(201);
            assertThat(reply.contentType()).isEqualTo("application/json");
            assertThat(reply.elapsedNanos()).isPositive();
            String expected = method.equals("HEAD") ? ""
                    : "{\"method\":\"" + method + "\",\"length\":" + (body == null ? 0 : body.length) + "}";
            assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void readsChunkedAnswers(HttpTransport transport) throws Exception {
        try (LocalServer server = new LocalServer().answering((exchange, request) -> {
            exchange.sendResponseHeaders(503, 0); // length 0: chunked
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 3; i++) {
                    out.write(("part" + i + ";").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        })) {
            HttpReply reply = reply(transport.send(get(server.uri("/"))));

            assertThat(reply.status()).isEqualTo(503);
            assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("part0;part1;part2;");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void refusesAnAnswerWhoseContentLengthExceedsTheCapWithoutReadingIt(HttpTransport transport) throws Exception {
        // The body never comes: only a refusal based on the header can end this before the 20 s timeout.
        try (RawServer server = new RawServer((socket, in, out) -> {
            RawServer.readHead(in);
            RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 10000000\r\n\r\n");
            socket.getInputStream().read(); // until the client hangs up
        })) {
            HttpFailure failure = failure(transport.send(get(server.uri("/"), Duration.ofSeconds(20), 4096)));

            assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.TOO_LARGE);
            assertThat(failure).hasMessage("answer of 10000000 bytes exceeds the 4096-byte limit"
                    + " (maxResponseBytes); it was not read");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void cutsOffAnEndlessChunkedBodyAtTheCap(HttpTransport transport) throws Exception {
        try (RawServer server = new RawServer((socket, in, out) -> {
            RawServer.readHead(in);
            RawServer.write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
            String chunk = "400\r\n" + "x".repeat(0x400) + "\r\n";
            while (true) {
                RawServer.write(out, chunk); // ends with an IOException once the client hangs up
            }
        })) {
            HttpFailure failure = failure(transport.send(get(server.uri("/"), Duration.ofSeconds(20), 64 * 1024)));

            assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.TOO_LARGE);
            assertThat(failure).hasMessage("answer exceeds the 65536-byte limit (maxResponseBytes); it was not read");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void cutsOffAnEndlessUnframedBodyAtTheCap(HttpTransport transport) throws Exception {
        try (RawServer server = new RawServer((socket, in, out) -> {
            RawServer.readHead(in);
            RawServer.write(out, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
            byte[] block = new byte[8192];
            while (true) {
                out.write(block);
            }
        })) {
            HttpFailure failure = failure(transport.send(get(server.uri("/"), Duration.ofSeconds(20), 100_000)));

            assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.TOO_LARGE);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void timesOutWhenTheServerNeverAnswers(HttpTransport transport) throws Exception {
        try (RawServer server = new RawServer((socket, in, out) -> {
            RawServer.readHead(in);
            socket.getInputStream().read();
        })) {
            long start = System.nanoTime();
            HttpFailure failure = failure(transport.send(get(server.uri("/"), Duration.ofMillis(300), 4096)));

            assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.TIMEOUT);
            assertThat(failure).hasMessage("timed out after 300ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void timesOutWhenTheBodyStallsAfterTheHeaders(HttpTransport transport) throws Exception {
        try (RawServer server = new RawServer((socket, in, out) -> {
            RawServer.readHead(in);
            RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789");
            socket.getInputStream().read();
        })) {
            HttpFailure failure = failure(transport.send(get(server.uri("/"), Duration.ofMillis(400), 4096)));

            assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.TIMEOUT);
            assertThat(failure).hasMessage("timed out after 400ms");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void reportsARefusedConnection(HttpTransport transport) throws Exception {
        URI closed = URI.create("http://127.0.0.1:" + Calls.closedPort() + "/api/health/");

        HttpFailure failure = failure(transport.send(get(closed)));

        assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.REFUSED);
        assertThat(failure).hasMessage("connection refused");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cutAnswers")
    void reportsAConnectionClosedInTheMiddleOfTheBody(HttpTransport transport, String sentBeforeTheClose)
            throws Exception {
        // a backend stopped while it answered: what a call meets during a rolling restart
        try (RawServer server = new RawServer((socket, in, out) -> {
            RawServer.readHead(in);
            RawServer.write(out, sentBeforeTheClose);
        })) {
            HttpFailure failure = failure(transport.send(get(server.uri("/"))));

            assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.IO);
            assertThat(failure.getMessage()).startsWith("connection closed");
        }
    }

    static Stream<Arguments> cutAnswers() {
        return transports().flatMap(t -> Stream.of(
                "HTTP/1.1 200 OK\r\nContent-Length: 273\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 273\r\n\r\n{\"pid\": 4",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{\"pid\": 4").map(cut -> Arguments.of(t, cut)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void reportsAConnectionClosedBeforeAnAnswer(HttpTransport transport) throws Exception {
        try (RawServer server = new RawServer((socket, in, out) -> RawServer.readHead(in))) {
            HttpFailure failure = failure(transport.send(get(server.uri("/"))));

            assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.IO);
            assertThat(failure.getMessage()).startsWith("connection closed before");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void closingTheSharedTransportLeavesItUsable(HttpTransport transport) throws Exception {
        try (LocalServer server = new LocalServer()) {
            transport.close();

            assertThat(reply(transport.send(get(server.uri("/")))).status()).isEqualTo(200);
        }
    }
}
