package io.sideeye.bench;

import com.sun.net.httpserver.HttpServer;
import io.sideeye.service.ApiResponse;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.client.ApiRequests;
import io.sideeye.service.client.ApiResponses;
import io.sideeye.service.client.JdkHttpTransport;
import io.sideeye.service.http.DaemonPool;
import io.sideeye.service.http.HttpCall;
import io.sideeye.service.http.HttpReply;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Where an {@code apiCall} spends its time on the client side: the whole call against a bare
 * {@link HttpClient} configured like the core's (HTTP/1.1, the same kind of executor, the same
 * request on the wire, one prebuilt request), both to one in-process server, plus the two steps
 * the bare call does not have: building the request and turning the answer into an
 * {@link ApiResponse}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ApiCallBenchmark {
    private static final byte[] BODY = ("{\"status\":\"healthy\",\"service\":\"SideEye Django Backend\",\"version\":\"1.0.0\","
            + "\"timestamp\":\"2026-01-01T00:00:00Z\",\"checks\":{\"database\":{\"status\":\"healthy\",\"latencyMs\":1.2}}}")
            .getBytes(StandardCharsets.UTF_8);

    private HttpServer server;
    private ExecutorService serverThreads;
    private DjangoServiceManager manager;
    private HttpClient bare;
    private HttpRequest request;
    private URI base;
    private HttpReply reply;

    /** Starts the server, a manager in development mode pointing at it, and the bare client. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // else delayed ACKs add 40 ms to every call
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/api/health/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, BODY.length);
            exchange.getResponseBody().write(BODY);
            exchange.close();
        });
        serverThreads = Executors.newSingleThreadExecutor();
        server.setExecutor(serverThreads);
        server.start();
        int port = server.getAddress().getPort();
        manager = DjangoServiceManager.builder().dev(true).host("127.0.0.1").port(port)
                .healthCheckInterval(Duration.ofHours(1)).runtimeDir(null).build();
        manager.start().get(10, TimeUnit.SECONDS);
        bare = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(Duration.ofSeconds(10)).executor(DaemonPool.create("bench-http-client", 8, Duration.ofSeconds(5))).build();
        base = URI.create("http://127.0.0.1:" + port);
        request = HttpRequest.newBuilder(base.resolve("/api/health/")).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(10)).GET().build();
        reply = new HttpReply(200, "", "application/json", BODY, 1_000_000);
    }

    /** Stops everything started in {@link #setUp()}. */
    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    /** The baseline: one prebuilt request through a shared client, body read as bytes. */
    @Benchmark
    public byte[] bareHttpClient() throws Exception {
        return bare.send(request, HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    /** {@code apiCall("/health/")} of a manager in development mode, waited for. */
    @Benchmark
    public ApiResponse apiCall() throws Exception {
        return manager.apiCall("/health/").get(10, TimeUnit.SECONDS);
    }

    /** Validation and request building of one call, without sending it. */
    @Benchmark
    public HttpCall buildCall() {
        return ApiRequests.prepare("/api", "/health/", "GET", null).toCall(base, "0123456789abcdef0123456789abcdef",
                Duration.ofSeconds(10), 16L << 20);
    }

    /** The JDK request built from a call, as the transport does before sending. */
    @Benchmark
    public HttpRequest toJdkRequest() {
        return JdkHttpTransport.toRequest(buildCall());
    }

    /** Turning a typical JSON answer into an {@link ApiResponse} (status, parse, error text). */
    @Benchmark
    public ApiResponse parseReply() {
        return ApiResponses.from(reply);
    }
}
