package io.sideeye.control.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.sideeye.control.security.AccessToken;
import io.sideeye.control.security.BrowserSessions;
import io.sideeye.control.security.HostCheck;
import io.sideeye.control.security.OriginCheck;
import io.sideeye.control.security.RequestGuard;
import io.sideeye.control.testkit.RawHttp;
import io.sideeye.control.testkit.RawHttp.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Quick routes are served on the JDK server's connection thread, the others on a request thread;
 * a client that holds the connection thread is cut at the request deadline, and requests go to
 * the request threads for a while after that.
 */
class ConnectionThreadTest {
    private static final Duration DEADLINE = Duration.ofSeconds(2);

    private final AccessToken token = AccessToken.random();
    private final Map<String, String> servedOn = new ConcurrentHashMap<>();
    private HttpServer server;
    private ExecutorService requestThreads;
    private RequestDeadline deadline;
    private int port;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        port = server.getAddress().getPort();
        Router router = new Router()
                .addQuick("GET", "/quick", ex -> answer(ex, "quick"))
                .add("GET", "/slow", ex -> answer(ex, "slow"))
                .add("POST", "/slow", ex -> answer(ex, "post " + new String(ex.readBody(), StandardCharsets.UTF_8)));
        HostCheck hosts = new HostCheck(port);
        RequestGuard guard = new RequestGuard(token, hosts, new OriginCheck(hosts.ownOrigins(), Set.of()),
                new BrowserSessions(token, port, Clock.systemUTC()));
        server.createContext("/", new Dispatcher(router, guard, 1024));
        requestThreads = Executors.newFixedThreadPool(2, r -> new Thread(r, "request-thread"));
        deadline = new RequestDeadline(requestThreads, DEADLINE, "deadline");
        server.setExecutor(deadline);
        server.start();
    }

    private void answer(ControlExchange ex, String what) {
        servedOn.put(what, Thread.currentThread().getName());
        ex.send(200, "text/plain", what.getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        server.stop(0);
        requestThreads.shutdownNow();
        deadline.close();
    }

    private Response get(String path) throws IOException {
        return RawHttp.request(port, "GET", path).bearer(token.reveal()).send();
    }

    @Test
    void quickRoutesAndRefusalsAreServedOnTheConnectionThreadTheOthersOnARequestThread() throws IOException {
        assertThat(get("/quick").status()).isEqualTo(200);
        assertThat(get("/slow").status()).isEqualTo(200);
        Response post = RawHttp.request(port, "POST", "/slow").bearer(token.reveal()).json("{}").send();
        assertThat(new String(post.body(), StandardCharsets.UTF_8)).isEqualTo("post {}");
        assertThat(servedOn).containsEntry("quick", "HTTP-Dispatcher").containsEntry("slow", "request-thread")
                .containsEntry("post {}", "request-thread");
        assertThat(RawHttp.request(port, "GET", "/quick").send().status()).as("no token").isEqualTo(401);
        assertThat(get("/nowhere").status()).isEqualTo(404);
    }

    @Test
    void aClientHoldingTheConnectionThreadIsCutAtTheDeadlineAndLaterOnesHoldARequestThreadOnly() throws Exception {
        assertThat(deadline.servesInline()).isTrue();
        try (Socket slow = new Socket(InetAddress.getLoopbackAddress(), port)) {
            sendPart(slow);
            // the connection thread reads the slow request until its deadline; this one waits for it
            assertThat(get("/quick").status()).isEqualTo(200);
            assertThat(endOfStream(slow)).as("the slow client was cut").isTrue();
        }
        assertThat(deadline.servesInline()).as("after a slow client").isFalse();
        try (Socket slow = new Socket(InetAddress.getLoopbackAddress(), port)) {
            sendPart(slow);
            assertThat(get("/quick").status()).isEqualTo(200);
            assertThat(servedOn).containsEntry("quick", "request-thread");
            slow.setSoTimeout(100);
            assertThat(stillOpen(slow)).as("answered while the second slow client still held a request thread")
                    .isTrue();
            slow.setSoTimeout(10_000);
            assertThat(endOfStream(slow)).as("the second slow client was cut too").isTrue();
        }
    }

    private static void sendPart(Socket s) throws IOException {
        s.getOutputStream().write("GET /quick HTTP/1.1\r\nHost: 127.0".getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
    }

    private static boolean stillOpen(Socket s) throws IOException {
        try {
            return s.getInputStream().read() != -1;
        } catch (SocketTimeoutException nothingYet) {
            return true;
        }
    }

    private static boolean endOfStream(Socket s) throws IOException {
        s.setSoTimeout(10_000);
        try {
            InputStream in = s.getInputStream();
            while (in.read() != -1) {
                // an answer would be read here; the end is what counts
            }
            return true;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }
}
