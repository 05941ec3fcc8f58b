package io.sideeye.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.control.testkit.MiniGroup;
import io.sideeye.control.testkit.RawHttp;
import io.sideeye.control.testkit.RawHttp.Response;
import io.sideeye.service.ServiceGroup;
import io.sideeye.service.ServiceJson;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control server that starts at its first connection, over real sockets. */
class OnDemandControlServerTest {
    private static final String TOKEN = "on-demand-test-token-0123456789-abcdefghijklmnop";
    private static final String NOT_INITIALIZED = "Django service manager not initialized";

    private OnDemandControlServer server;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    private Response status(String token) throws IOException {
        return status(server.firstPort(), token);
    }

    private static Response status(int port, String token) throws IOException {
        return RawHttp.request(port, "GET", "/ipc/django-service-status").bearer(token).send();
    }

    private static JsonNode json(Response r) throws IOException {
        return ServiceJson.reader().readTree(r.body());
    }

    @Test
    void announcesPortTokenAndUrlBeforeTheServerExists() {
        server = ControlServer.builder().token(TOKEN).startOnDemand();

        assertThat(server.port()).isPositive().isEqualTo(server.firstPort());
        assertThat(server.token()).isEqualTo(TOKEN);
        assertThat(server.baseUrl().toString()).isEqualTo("http://127.0.0.1:" + server.port() + "/");
        assertThat(server.started()).isFalse();
    }

    @Test
    void theFirstConnectionStartsTheServerAndIsAnsweredByIt() throws Exception {
        server = ControlServer.builder().token(TOKEN).startOnDemand();

        Response first = status(TOKEN);

        assertThat(first.status()).as(first.text()).isEqualTo(503);
        assertThat(json(first).get("error").asText()).isEqualTo(NOT_INITIALIZED);
        assertThat(server.started()).isTrue();
        assertThat(server.port()).isNotEqualTo(server.firstPort());
        Response direct = status(server.port(), TOKEN);
        assertThat(direct.status()).isEqualTo(503);
        assertThat(json(direct).get("error").asText()).isEqualTo(NOT_INITIALIZED);
        Response relayed = status(TOKEN);
        assertThat(relayed.status()).isEqualTo(503);
        assertThat(json(relayed).get("error").asText()).isEqualTo(NOT_INITIALIZED);
    }

    @Test
    void tellsItsOwnerOnceWhenTheServerHasStarted() throws Exception {
        server = ControlServer.builder().token(TOKEN).startOnDemand();
        AtomicInteger starts = new AtomicInteger();
        AtomicInteger portSeen = new AtomicInteger();
        server.onStart(() -> {
            starts.incrementAndGet();
            portSeen.set(server.port());
        });

        status(TOKEN);
        status(TOKEN);

        assertThat(starts.get()).isEqualTo(1);
        assertThat(portSeen.get()).isEqualTo(server.port()).isNotEqualTo(server.firstPort());
    }

    @Test
    void aWrongTokenIsRefusedOnTheRelayedFirstConnectionAsLater() throws Exception {
        server = ControlServer.builder().token(TOKEN).startOnDemand();

        assertThat(status("another-token-of-enough-length-0123456789-abcdefgh").status()).isEqualTo(401);
        assertThat(server.started()).isTrue();
        assertThat(status("another-token-of-enough-length-0123456789-abcdefgh").status()).isEqualTo(401);
    }

    @Test
    void connectionsArrivingTogetherAtAnIdleServerAreAllAnswered() throws Exception {
        // no connection meets a moment without a listener: the first port is never let go
        server = ControlServer.builder().token(TOKEN).startOnDemand();
        int clients = 16;
        CyclicBarrier together = new CyclicBarrier(clients);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                answers.add(pool.submit(() -> {
                    together.await(5, TimeUnit.SECONDS);
                    return status(TOKEN);
                }));
            }
            for (Future<Response> answer : answers) {
                Response r = answer.get(30, TimeUnit.SECONDS);
                assertThat(r.status()).as(r.text()).isEqualTo(503);
                assertThat(json(r).get("error").asText()).isEqualTo(NOT_INITIALIZED);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aGroupAttachedBeforeTheFirstConnectionIsWhatTheServerControls(@TempDir Path runtimeDir) throws Exception {
        server = ControlServer.builder().token(TOKEN).startOnDemand();
        ServiceGroup group = MiniGroup.webAndTwoWorkers(runtimeDir);
        try {
            server.attach(group);

            Response r = status(TOKEN);

            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(json(r).get("success").asBoolean()).isTrue();
        } finally {
            group.close();
        }
    }

    @Test
    void closingBeforeAnyConnectionLetsGoOfThePort() throws Exception {
        server = ControlServer.builder().token(TOKEN).startOnDemand();
        int port = server.port();

        server.close();

        // the waiting thread leaves accept() at once; the socket is released as it does
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertBindable(port));
        assertThat(server.started()).isFalse();
    }

    @Test
    void closingAfterTheStartStopsTheServerAndTheRelay() throws Exception {
        server = ControlServer.builder().token(TOKEN).startOnDemand();
        assertThat(status(TOKEN).status()).isEqualTo(503);

        server.close();

        for (int port : new int[] {server.firstPort(), server.port()}) {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertBindable(port));
        }
    }

    private static void assertBindable(int port) throws IOException {
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }
    }
}
