package io.sideeye.bench;

import io.sideeye.service.DjangoServiceManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Item 7: {@code apiCall("/health/")} against a bare shared {@link HttpClient} GET of the same
 * URL on the Django backend, paired. The bare client is configured as the core's transport is
 * (HTTP/1.1, no proxy, the same kind of executor) and sends the same request (Accept and the
 * launch's bearer token, read from the backend's environment), built once and reused. A second
 * bare client with the JDK's default executor is shown for reference. Connection reuse is shown
 * by the TCP connections opened to the backend's port during the measured calls.
 */
final class ApiCallBench {
    private final Backends backends;
    private final Table table;

    ApiCallBench(Backends backends, Table table) {
        this.backends = backends;
        this.table = table;
    }

    /**
     * @param pairs  latency pairs
     * @param rounds alternating throughput rounds (one batch of each client per round)
     * @param batch  sequential calls per batch
     */
    void run(int pairs, int rounds, int batch) throws Exception {
        int port = Backends.freePort();
        HttpClient bare = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .proxy(HttpClient.Builder.NO_PROXY).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).executor(io.sideeye.service.http.DaemonPool.create("bench-http-client", 8, Duration.ofSeconds(5)))
                .build();
        HttpClient defaults = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        try (DjangoServiceManager m = Managers.of(backends.django(port), backends.backendDir, port)
                .healthCheckInterval(Duration.ofSeconds(60)).build()) {
            m.start().get(30, TimeUnit.SECONDS);
            String token = ProcStats.environment(m.getStatus().pid()).get("SIDEEYE_API_TOKEN");
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health/"))
                    .header("Accept", "application/json").header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(10)).GET().build();
            for (int i = 0; i < 300; i++) {
                manager(m);
                bare(bare, request);
                bare(defaults, request);
            }
            Set<Integer> before = ProcStats.connectionsTo(port);
            Stats mLat = new Stats();
            Stats bLat = new Stats();
            Stats dLat = new Stats();
            Stats ratio = new Stats();
            for (int i = 0; i < pairs; i++) {
                double a = i % 2 == 0 ? manager(m) : 0;
                double b = bare(bare, request);
                if (i % 2 == 1) a = manager(m);
                mLat.add(a);
                bLat.add(b);
                ratio.add(a / b);
                dLat.add(bare(defaults, request));
            }
            Stats tput = new Stats();
            Stats defaultsTput = new Stats();
            for (int r = 0; r < rounds; r++) {
                double mt = r % 2 == 0 ? batch(m, null, null, batch) : 0;
                double bt = batch(null, bare, request, batch);
                if (r % 2 == 1) mt = batch(m, null, null, batch);
                tput.add(bt / mt); // manager calls/s over bare calls/s
                defaultsTput.add(bt / batch(null, defaults, request, batch));
            }
            Set<Integer> opened = new HashSet<>(ProcStats.connectionsTo(port));
            opened.removeAll(before);
            table.row("7 bare HttpClient GET latency", "ms", bLat, null, true);
            table.row("7 apiCall GET latency", "ms", mLat, null, true);
            table.value("7 apiCall / bare median latency", "ratio", mLat.median() / bLat.median(), 1.10, true);
            table.row("  apiCall / bare latency, per pair", "ratio", ratio, null, true);
            table.row("7 apiCall / bare throughput (sequential)", "ratio", tput, 0.90, false);
            table.row("  bare HttpClient, JDK default executor", "ms", dLat, null, true);
            table.row("  default-executor client / bare throughput", "ratio", defaultsTput, null, false);
            table.value("7 TCP connections opened for " + (3 * pairs + 3 * rounds * batch) + " calls (3 clients)", "count",
                    opened.size(), null, true);
            m.stop().get(30, TimeUnit.SECONDS);
        }
    }

    /** Milliseconds for {@code n} sequential calls, through the manager when {@code m} is given. */
    private static double batch(DjangoServiceManager m, HttpClient c, HttpRequest req, int n) throws Exception {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (m != null) manager(m); else bare(c, req);
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double manager(DjangoServiceManager m) throws Exception {
        long t0 = System.nanoTime();
        var r = m.apiCall("/health/").get(10, TimeUnit.SECONDS);
        double ms = (System.nanoTime() - t0) / 1e6;
        if (r.status() != 200) throw new IllegalStateException("apiCall answered " + r.status());
        return ms;
    }

    private static double bare(HttpClient c, HttpRequest req) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<byte[]> r = c.send(req, HttpResponse.BodyHandlers.ofByteArray());
        double ms = (System.nanoTime() - t0) / 1e6;
        if (r.statusCode() != 200) throw new IllegalStateException("bare GET answered " + r.statusCode());
        return ms;
    }
}
