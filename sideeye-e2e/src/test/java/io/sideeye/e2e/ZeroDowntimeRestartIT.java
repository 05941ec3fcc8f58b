package io.sideeye.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServerKind;
import io.sideeye.service.ServiceEvent;
import io.sideeye.service.ServiceState;
import io.sideeye.service.ServiceStatus;
import io.sideeye.testsupport.ProcessTable;
import io.sideeye.testsupport.ReferenceBackend;
import io.sideeye.testsupport.Signals;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code restart()} of the real Django backend on waitress (through {@code sideeye_health.serve}):
 * a plain HTTP client sending requests to the port throughout fails none; runserver, which cannot
 * share its port, is stopped then started, and its status says so. A crash: the port is held by a
 * standby listener until the new backend serves it.
 */
class ZeroDowntimeRestartIT {
    private static final int RESTARTS = 5;
    private static final int CLIENTS = 3;

    private final List<ServiceEvent> events = new CopyOnWriteArrayList<>();
    private DjangoServiceManager manager;

    @TempDir
    Path dataDir;
    @TempDir
    Path runtimeDir;

    @BeforeAll
    static void backendIsSetUp() {
        ReferenceBackend.requireSetUp();
    }

    @AfterEach
    void close() {
        if (manager != null) {
            manager.close();
        }
    }

    private DjangoServiceManager start(ServerKind server) throws Exception {
        manager = Backend.builder(dataDir, runtimeDir).python(ReferenceBackend.PYTHON.toString()).server(server).build();
        manager.onAny(events::add);
        assertThat(manager.start().get(90, TimeUnit.SECONDS)).as("start: %s", manager.getStatus().lastError()).isTrue();
        return manager;
    }

    @Test
    void restartsUnderAPlainHttpClientFailNoRequest() throws Exception {
        start(ServerKind.WAITRESS);
        int port = manager.getStatus().port();
        assertThat(manager.getStatus().restartMode())
                .isEqualTo("zero-downtime (SO_REUSEPORT through sideeye_health.serve)");

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        Map<String, Integer> failures = new TreeMap<>();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Thread client = new Thread(() -> {
                while (running.get()) {
                    String failure = get(port, "/api/health/");
                    if (failure == null) {
                        answered.incrementAndGet();
                    } else {
                        synchronized (failures) {
                            failures.merge(failure, 1, Integer::sum);
                        }
                    }
                }
            }, "plain-http-client-" + i);
            client.start();
            clients.add(client);
        }
        List<Long> pids = new ArrayList<>(List.of(manager.getStatus().pid()));
        try {
            for (int i = 0; i < RESTARTS; i++) {
                assertThat(manager.restart().get(90, TimeUnit.SECONDS))
                        .as("restart %d: %s", i + 1, manager.getStatus().lastError()).isTrue();
                ServiceStatus status = manager.getStatus();
                assertThat(status.state()).isEqualTo(ServiceState.RUNNING);
                assertThat(status.port()).isEqualTo(port);
                pids.add(status.pid());
            }
        } finally {
            running.set(false);
            for (Thread client : clients) {
                client.join(30_000);
            }
        }

        assertThat(pids).doesNotHaveDuplicates();
        assertThat(failures).as("failed requests during %d restarts (%d answered)", RESTARTS, answered.get()).isEmpty();
        assertThat(answered.get()).isGreaterThan(RESTARTS * 10);
        assertThat(events.stream().map(ServiceEvent::name).filter(n -> n.equals("stopped")).toList())
                .as("the service never stopped").isEmpty();
        assertThat(ProcessTable.serversOnPort(port)).hasSize(1);
    }

    /**
     * Between the crash and the moment the standby listener is bound (the JVM learning of the exit),
     * a few milliseconds, the port refuses connections; after it, none until the new backend serves,
     * which takes {@code restartDelay} (here 500 ms) and its start. So the refused connections of
     * one crash all fall within a short span, far shorter than the replacement.
     */
    @Test
    void connectionsThatArriveWhileACrashedBackendIsReplacedWaitInsteadOfBeingRefused() throws Exception {
        manager = Backend.builder(dataDir, runtimeDir).python(ReferenceBackend.PYTHON.toString()).server(ServerKind.WAITRESS)
                .restartDelay(Duration.ofMillis(500)).build();
        manager.onAny(events::add);
        assertThat(manager.start().get(90, TimeUnit.SECONDS)).isTrue();
        int port = manager.getStatus().port();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger crash = new AtomicInteger();
        Map<Integer, long[]> refusedSpan = new TreeMap<>(); // crash -> first, last refused (nanos)
        Map<String, Integer> failures = new TreeMap<>();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Thread client = new Thread(() -> {
                while (running.get()) {
                    String failure = get(port, "/api/health/");
                    long now = System.nanoTime();
                    synchronized (failures) {
                        if (failure == null) {
                            answered.incrementAndGet();
                        } else {
                            failures.merge(failure, 1, Integer::sum);
                            if (failure.contains("refused")) {
                                refusedSpan.computeIfAbsent(crash.get(), k -> new long[] {now, now})[1] = now;
                            }
                        }
                    }
                }
            }, "plain-http-client-" + i);
            client.start();
            clients.add(client);
        }
        List<Long> replacedInMs = new ArrayList<>();
        try {
            for (int i = 1; i <= 3; i++) {
                long pid = manager.getStatus().pid();
                int before = answered.get();
                crash.set(i);
                long t0 = System.nanoTime();
                Signals.send(pid, "KILL");
                await().atMost(Duration.ofSeconds(60)).until(() ->
                        manager.getStatus().state() == ServiceState.RUNNING && manager.getStatus().pid() != null
                                && manager.getStatus().pid() != pid && answered.get() > before + 20);
                replacedInMs.add((System.nanoTime() - t0) / 1_000_000);
            }
        } finally {
            running.set(false);
            for (Thread client : clients) {
                client.join(30_000);
            }
        }
        List<Long> spansMs = refusedSpan.values().stream().map(s -> (s[1] - s[0]) / 1_000_000).toList();
        assertThat(replacedInMs).allMatch(ms -> ms >= 500);
        assertThat(spansMs).as("span of refused connections per crash (ms), replaced in %s ms; failures %s",
                replacedInMs, failures).allMatch(ms -> ms < 200);
        assertThat(events).anyMatch(e -> e instanceof ServiceEvent.Info info && info.message().contains("were relayed"));
    }

    @Test
    void gunicornIsRestartedBesideItselfWithReusePort() throws Exception {
        start(ServerKind.GUNICORN);
        int port = manager.getStatus().port();
        assertThat(manager.getStatus().restartMode()).isEqualTo("zero-downtime (SO_REUSEPORT through gunicorn --reuse-port)");
        long before = manager.getStatus().pid();

        assertThat(manager.restart().get(90, TimeUnit.SECONDS)).as("%s", manager.getStatus().lastError()).isTrue();

        assertThat(manager.getStatus().pid()).isNotEqualTo(before);
        assertThat(manager.getStatus().port()).isEqualTo(port);
        assertThat(events.stream().map(ServiceEvent::name).toList()).doesNotContain("stopping", "stopped");
        assertThat(get(port, "/api/health/")).isNull();
    }

    @Test
    void runserverIsStoppedThenStartedAndItsStatusSaysWhy() throws Exception {
        start(ServerKind.RUNSERVER);
        String mode = "stop-then-start (the server cannot share its port: Django runserver binds its port alone)";
        assertThat(manager.getStatus().restartMode()).isEqualTo(mode);
        long before = manager.getStatus().pid();

        assertThat(manager.restart().get(90, TimeUnit.SECONDS)).isTrue();

        assertThat(manager.getStatus().pid()).isNotEqualTo(before);
        assertThat(manager.getStatus().restartMode()).isEqualTo(mode);
        assertThat(events.stream().map(ServiceEvent::name).toList()).contains("stopping", "stopped");
    }

    @Test
    void randomStartsStopsAndRestartsFromSixThreadsEndInTheLastCommandsStateWithOneBackendOrNone() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        manager = Backend.builder(dataDir, runtimeDir).python(ReferenceBackend.PYTHON.toString()).server(ServerKind.WAITRESS)
                .port(port).build();
        manager.onAny(events::add);
        long seed = System.nanoTime();
        Object order = new Object();
        AtomicReference<String> last = new AtomicReference<>("none");
        ExecutorService workers = Executors.newFixedThreadPool(6);
        List<Future<List<CompletableFuture<Boolean>>>> all = new ArrayList<>();
        try {
            for (int t = 0; t < 6; t++) {
                Random random = new Random(seed + t);
                all.add(workers.submit(() -> {
                    List<CompletableFuture<Boolean>> futures = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        Thread.sleep(random.nextInt(600)); // spread over starting, running and handing over
                        String op = List.of("start", "stop", "restart", "restart", "restart", "restart").get(random.nextInt(6));
                        CompletableFuture<Boolean> f;
                        synchronized (order) {
                            last.set(op);
                            f = op.equals("start") ? manager.start() : op.equals("stop") ? manager.stop()
                                    : manager.restart();
                        }
                        futures.add(f);
                        if (random.nextBoolean()) {
                            f.handle((ok, e) -> ok).get(120, TimeUnit.SECONDS);
                        }
                    }
                    return futures;
                }));
            }
            for (var perThread : all) {
                for (var f : perThread.get(300, TimeUnit.SECONDS)) {
                    f.handle((ok, e) -> ok).get(120, TimeUnit.SECONDS);
                }
            }
        } finally {
            workers.shutdownNow();
        }
        boolean running = !last.get().equals("stop");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(manager.getStatus().state()).as("after the last command, %s (seed %d)", last.get(), seed)
                    .isEqualTo(running ? ServiceState.RUNNING : ServiceState.STOPPED);
            assertThat(ProcessTable.serversOnPort(port)).as("servers on the port").hasSize(running ? 1 : 0);
        });
        if (running) {
            assertThat(get(port, "/api/health/")).isNull();
        }
    }

    /** One GET on a new connection, as a plain client sends it: null when answered, else what went wrong. */
    private static String get(int port, String path) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            if (statusLine == null || !statusLine.startsWith("HTTP/1.1 ")) {
                return "no answer (" + statusLine + ")";
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            return status >= 500 ? "HTTP " + status : null;
        } catch (Exception e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
