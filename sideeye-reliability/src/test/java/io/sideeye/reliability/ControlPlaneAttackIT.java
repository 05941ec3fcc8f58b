package io.sideeye.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sideeye.control.ControlServer;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceState;
import io.sideeye.testsupport.ProcessTable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile requests and hostile clients against the control plane: each is refused with the
 * documented status, the server keeps answering a legitimate status request within a bound,
 * and the manager behind it is untouched.
 */
class ControlPlaneAttackIT {
    /** How long a legitimate status request may take while the server is under attack. */
    private static final int RESPONSIVE_MS = 5_000;

    @TempDir
    Path runtimeDir;

    private DjangoServiceManager manager;
    private ControlServer control;
    private String marker;

    @BeforeEach
    void startControl() {
        marker = TestServer.marker("control");
        manager = TestServer.builder(marker).runtimeDir(runtimeDir).build();
        control = ControlServer.start(manager, 0, null);
    }

    @AfterEach
    void stop() {
        control.close();
        manager.close();
    }

    private String host() {
        return "Host: 127.0.0.1:" + control.port();
    }

    private String bearer() {
        return "Authorization: Bearer " + control.token();
    }

    private int send(String request) {
        return RawHttp.status(RawHttp.exchange(control.port(), request, 1 << 16, RESPONSIVE_MS));
    }

    /** A legitimate status request answers 200 within the bound. */
    private void assertResponsive() {
        long began = System.nanoTime();
        assertThat(send(RawHttp.request("GET", "/ipc/django-service-status", null, host(), bearer()))).isEqualTo(200);
        Figures.record("control plane", "status answered in " + (System.nanoTime() - began) / 1_000_000 + " ms");
    }

    private void assertManagerUntouched() {
        assertThat(manager.getStatus().state()).isEqualTo(ServiceState.STOPPED);
        assertThat(ProcessTable.mentioning(marker)).isEmpty();
    }

    @Test
    void refusesMissingWrongAndForgedCredentialsWithoutTouchingTheManager() {
        String start = "/ipc/django-service-start";
        String json = "Content-Type: application/json";
        assertThat(send(RawHttp.request("POST", start, "{}", host(), json))).as("no token").isEqualTo(401);
        assertThat(send(RawHttp.request("POST", start, "{}", host(), json, "Authorization: Bearer "
                + "x".repeat(43)))).as("wrong token").isEqualTo(401);
        assertThat(send(RawHttp.request("POST", start, "{}", host(), json, "Authorization: Bearer "
                + control.token().substring(1)))).as("truncated token").isEqualTo(401);
        for (String forged : List.of("evil.example:" + control.port(), "evil.example", "127.0.0.1:1",
                "localhost.evil.example:" + control.port(), "127.0.0.1.nip.io:" + control.port())) {
            assertThat(send(RawHttp.request("POST", start, "{}", "Host: " + forged, bearer(), json)))
                    .as("forged Host %s", forged).isEqualTo(403);
        }
        assertThat(send(RawHttp.request("POST", start, "{}", bearer(), json))).as("no Host").isIn(400, 403);
        for (String origin : List.of("http://evil.example", "null", "http://127.0.0.1:1", "https://127.0.0.1:"
                + control.port())) {
            assertThat(send(RawHttp.request("POST", start, "{}", host(), bearer(), json, "Origin: " + origin)))
                    .as("cross-site Origin %s", origin).isEqualTo(403);
        }
        assertThat(send(RawHttp.request("POST", start, "{}", host(), bearer(), json, "Sec-Fetch-Site: cross-site")))
                .as("cross-site fetch").isEqualTo(403);
        assertManagerUntouched();
        assertResponsive();
    }

    @Test
    void refusesOversizeAndMalformedBodies() {
        String call = "/ipc/django-api-call";
        String json = "Content-Type: application/json";
        // the length alone is refused, before a byte of the body is read
        assertThat(send("POST " + call + " HTTP/1.1\r\n" + host() + "\r\n" + bearer() + "\r\n" + json
                + "\r\nContent-Length: " + (2 << 20) + "\r\nConnection: close\r\n\r\n")).as("2 MiB body").isEqualTo(413);
        assertThat(send("POST " + call + " HTTP/1.1\r\n" + host() + "\r\n" + bearer() + "\r\n" + json
                + "\r\nContent-Length: 99999999999\r\nConnection: close\r\n\r\n{}")).as("lying length").isIn(400, 413);
        for (String bad : List.of("{", "[1,2", "{\"endpoint\":", "\u0000\u0001", "nul", "{\"endpoint\":\"/x\"}}")) {
            assertThat(send(RawHttp.request("POST", call, bad, host(), bearer(), json))).as("body %s", bad)
                    .isEqualTo(400);
        }
        assertThat(send(RawHttp.request("POST", call, "<x/>", host(), bearer(), "Content-Type: text/xml")))
                .as("not JSON").isEqualTo(415);
        assertThat(send("BREW /ipc/django-service-status HTTP/1.1\r\n" + host() + "\r\n" + bearer()
                + "\r\nConnection: close\r\n\r\n")).as("unknown method").isIn(404, 405);
        assertManagerUntouched();
        assertResponsive();
    }

    @Test
    void hangsUpOnSlowClientsThatDribbleTheirHeaders() throws Exception {
        int slowClients = 8;
        List<Socket> sockets = new ArrayList<>();
        ScheduledExecutorService dribbler = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < slowClients; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), control.port());
                sockets.add(s);
            }
            byte[] header = ("GET /ipc/django-service-status HTTP/1.1\r\n" + host() + "\r\nX-Slow: "
                    + "a".repeat(10_000)).getBytes(StandardCharsets.US_ASCII);
            int[] sent = {0};
            dribbler.scheduleAtFixedRate(() -> {
                for (Socket s : sockets) {
                    try {
                        s.getOutputStream().write(header[Math.min(sent[0], header.length - 1)]);
                        s.getOutputStream().flush();
                    } catch (IOException closedByServer) {
                        // the server may hang up on a slow client: that is a defence, not a failure
                    }
                }
                sent[0]++;
            }, 0, 50, TimeUnit.MILLISECONDS);
            // the request deadline hangs up on every slow client, so they cannot hold the server
            long began = System.nanoTime();
            for (Socket s : sockets) {
                s.setSoTimeout(30_000);
                assertThat(drain(s.getInputStream())).as("slow client's end").isTrue();
            }
            long heldMs = (System.nanoTime() - began) / 1_000_000;
            for (int i = 0; i < 3; i++) {
                assertResponsive();
            }
            Figures.record("control plane", slowClients + " slow clients (headers byte by byte) cut off by the request deadline after "
                    + heldMs + " ms; status answered right after");
        } finally {
            dribbler.shutdownNow();
            for (Socket s : sockets) {
                s.close();
            }
        }
        assertManagerUntouched();
    }

    @Test
    void staysResponsiveWithAThousandEventSubscribersAndTheManagerStillWorks() throws Exception {
        int subscribers = Integer.getInteger("attack.sseSubscribers", 1000);
        List<Socket> sockets = new ArrayList<>();
        try {
            byte[] subscribe = RawHttp.request("GET", "/ipc/events", null, host(), bearer(), "Accept: text/event-stream")
                    .replace("Connection: close\r\n", "").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < subscribers; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), control.port());
                s.setSoTimeout(RESPONSIVE_MS * 4);
                s.getOutputStream().write(subscribe);
                s.getOutputStream().flush();
                sockets.add(s);
            }
            assertResponsive();
            // every subscriber got its stream started: the first status frame arrives on the last one too
            for (Socket s : List.of(sockets.get(0), sockets.get(sockets.size() - 1))) {
                assertThat(readUntil(s.getInputStream(), "django-service-status")).contains("200");
            }
            assertThat(manager.start().get(30, TimeUnit.SECONDS)).isTrue();
            assertResponsive();
            assertThat(readUntil(sockets.get(sockets.size() / 2).getInputStream(), "started")).contains("started");
            assertThat(manager.stop().get(30, TimeUnit.SECONDS)).isTrue();
            Figures.record("control plane", "event subscribers=" + subscribers + " all streamed; manager started"
                    + " and stopped under them");
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessTable.mentioning(marker).isEmpty());
    }

    private static String readUntil(InputStream in, String needle) throws IOException {
        StringBuilder seen = new StringBuilder();
        byte[] buf = new byte[4096];
        while (seen.indexOf(needle) < 0) {
            int n = in.read(buf);
            if (n < 0) {
                throw new AssertionError("stream ended before " + needle + ": " + seen);
            }
            seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
        return seen.toString();
    }

    /** Reads until the server closes the connection; true once it has (end of stream or reset). */
    private static boolean drain(InputStream in) {
        try {
            byte[] buf = new byte[1024];
            while (in.read(buf) >= 0) {
                // an answer to a half-sent request (e.g. 408/400) is fine; the close is what counts
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
