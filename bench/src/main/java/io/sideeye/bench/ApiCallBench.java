package io.sideeye.bench;

import io.sideeye.service.DjangoServiceManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Item 7: apiCall() against a bare shared java.net.http.HttpClient to the same endpoint, paired. */
final class ApiCallBench {
    private final Backends backends;
    private final Table table;

    ApiCallBench(Backends backends, Table table) {
        this.backends = backends;
        this.table = table;
    }

    void run(int pairs, int batch) throws Exception {
        int port = Backends.freePort();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpClient pooled = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(io.sideeye.service.http.BenchPools.apiTransportPool()).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health/"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try (DjangoServiceManager m = Managers.of(backends.django(port), backends.backendDir, port)
                .healthCheckInterval(Duration.ofSeconds(60)).build()) {
            m.start().get(30, TimeUnit.SECONDS);
            for (int i = 0; i < 300; i++) {
                manager(m);
                bare(client, request);
            }
            Stats mLat = new Stats();
            Stats bLat = new Stats();
            Stats ratio = new Stats();
            for (int i = 0; i < pairs; i++) {
                double a = i % 2 == 0 ? manager(m) : 0;
                double b = bare(client, request);
                if (i % 2 == 1) a = manager(m);
                mLat.add(a);
                bLat.add(b);
                ratio.add(a / b);
            }
            Stats pooledLat = new Stats();
            for (int i = 0; i < pairs; i++) {
                pooledLat.add(bare(pooled, request));
            }
            Stats cappedLat = new Stats();
            var capped = io.sideeye.service.http.BenchPools.cappedBody(16L << 20);
            for (int i = 0; i < pairs; i++) {
                long t0 = System.nanoTime();
                pooled.send(request, capped);
                cappedLat.add((System.nanoTime() - t0) / 1e6);
            }
            Stats tput = new Stats();
            Stats pooledTput = new Stats();
            for (int r = 0; r < 6; r++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < batch; i++) manager(m);
                double mt = (System.nanoTime() - t0) / 1e6;
                t0 = System.nanoTime();
                for (int i = 0; i < batch; i++) bare(client, request);
                double bt = (System.nanoTime() - t0) / 1e6;
                tput.add(bt / mt); // manager calls/s over bare calls/s
                t0 = System.nanoTime();
                for (int i = 0; i < batch; i++) bare(pooled, request);
                pooledTput.add(bt / ((System.nanoTime() - t0) / 1e6));
            }
            table.row("7 bare HttpClient GET latency", "ms", bLat, null, true);
            table.row("7 apiCall GET latency", "ms", mLat, null, true);
            table.value("7 apiCall / bare median latency", "ratio", mLat.median() / bLat.median(), 1.10, true);
            table.row("  apiCall / bare latency, per pair", "ratio", ratio, null, true);
            table.row("7 apiCall / bare throughput (sequential)", "ratio", tput, 0.90, false);
            table.row("  bare HttpClient on the core's DaemonPool executor", "ms", pooledLat, null, true);
            table.row("  same, with the core's capped body subscriber", "ms", cappedLat, null, true);
            table.row("  DaemonPool-executor client / bare throughput", "ratio", pooledTput, null, false);
            m.stop().get(30, TimeUnit.SECONDS);
        }
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
