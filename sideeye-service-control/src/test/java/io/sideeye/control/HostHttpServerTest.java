package io.sideeye.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The control server keeps its limits to itself: a host application's own JDK HTTP server in
 * the same JVM gets no request deadline from it.
 */
class HostHttpServerTest {

    private static Map<String, String> jdkServerProperties() {
        Map<String, String> found = new TreeMap<>();
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("sun.net.httpserver.") && !k.toString().equals("sun.net.httpserver.nodelay")) {
                found.put(k.toString(), v.toString());
            }
        });
        return found;
    }

    @Test
    void startingTheControlServerSetsNoJvmWideLimit() {
        Map<String, String> before = jdkServerProperties();
        try (ControlServer server = ControlServer.builder().start()) {
            assertThat(server.port()).isPositive();
            assertThat(jdkServerProperties()).isEqualTo(before);
        }
    }

    @Test
    void aHostServersSlowRequestIsServedWhileOursIsCutAtItsDeadline() throws Exception {
        HttpServer host = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        host.createContext("/", exchange -> {
            byte[] ok = "host".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        host.start();
        try (ControlServer control = ControlServer.builder().requestDeadline(Duration.ofMillis(300)).start();
             Socket toHost = new Socket(InetAddress.getLoopbackAddress(), host.getAddress().getPort());
             Socket toControl = new Socket(InetAddress.getLoopbackAddress(), control.port())) {
            long began = System.nanoTime();
            String request = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + "a".repeat(30) + "\r\n\r\n";
            boolean controlOpen = true;
            for (char c : request.toCharArray()) { // over about a second: past our deadline
                toHost.getOutputStream().write(c);
                controlOpen = controlOpen && write(toControl, c);
                Thread.sleep(15);
            }
            long dribbledMs = (System.nanoTime() - began) / 1_000_000;
            toHost.setSoTimeout(5_000);
            assertThat(new String(toHost.getInputStream().readNBytes(12), StandardCharsets.US_ASCII))
                    .as("the host's answer after %d ms of dribbling", dribbledMs).isEqualTo("HTTP/1.1 200");
            toControl.setSoTimeout(5_000);
            assertThat(endOfStream(toControl)).as("our server hung up on the same request").isTrue();
            assertThat(dribbledMs).isGreaterThan(600);
        } finally {
            host.stop(0);
        }
    }

    /** Writes one byte; false once the server has closed the connection. */
    private static boolean write(Socket s, char c) {
        try {
            s.getOutputStream().write(c);
            s.getOutputStream().flush();
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    private static boolean endOfStream(Socket s) throws IOException {
        try {
            InputStream in = s.getInputStream();
            while (in.read() != -1) {
                // an answer (408, say) would be read here; the end is what counts
            }
            return true;
        } catch (java.net.SocketException reset) {
            return true; // closed while we were still writing: a reset
        }
    }
}
