package io.sideeye.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceState;
import io.sideeye.testsupport.ProcessTable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sixteen threads issue random commands and queries at one manager running the real test
 * server: never two backends alive, every future completes in bounded time, and the final state
 * is the one the last lifecycle command asked for.
 */
class ConcurrencyStressIT {
    private static final int THREADS = 16;
    private static final Duration FUTURE_LIMIT = Duration.ofSeconds(60);
    private static final String[] OPS = {"start", "stop", "restart", "healthCheck", "apiCall", "getStatus"};

    @TempDir
    Path runtimeDir;

    @Test
    void randomCommandsFromSixteenThreadsKeepOneBackendAndEndInTheLastCommandsState() throws Exception {
        int opsPerThread = Integer.getInteger("stress.opsPerThread", 40);
        long seed = Long.getLong("stress.seed", System.nanoTime());
        String marker = TestServer.marker("stress");
        EventLog log = new EventLog();
        AtomicInteger maxAlive = new AtomicInteger();
        Map<String, LongAdder> counts = new ConcurrentHashMap<>();
        AtomicReference<String> lastLifecycle = new AtomicReference<>("none");
        Object issueOrder = new Object();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        ExecutorService workers = Executors.newFixedThreadPool(THREADS);
        long began = System.nanoTime();
        try (DjangoServiceManager m = TestServer.builder(marker).runtimeDir(runtimeDir)
                .restartDelay(Duration.ofMillis(20)).maxRestartDelay(Duration.ofMillis(80))
                .healthCheckInterval(Duration.ofMillis(200)).healthCheckTimeout(Duration.ofSeconds(2))
                .startupTimeout(Duration.ofSeconds(20)).shutdownTimeout(Duration.ofSeconds(2)).build()) {
            m.onAny(log);
            sampler.scheduleAtFixedRate(() -> maxAlive.accumulateAndGet(ProcessTable.mentioning(marker).size(), Math::max),
                    0, 10, TimeUnit.MILLISECONDS);
            List<Future<List<CompletableFuture<?>>>> perThread = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Random random = new Random(seed + t);
                perThread.add(workers.submit(() -> {
                    List<CompletableFuture<?>> futures = new ArrayList<>();
                    for (int i = 0; i < opsPerThread; i++) {
                        String op = OPS[random.nextInt(OPS.length)];
                        counts.computeIfAbsent(op, k -> new LongAdder()).increment();
                        CompletableFuture<?> f = issue(m, op, issueOrder, lastLifecycle);
                        futures.add(f);
                        if (random.nextBoolean()) {
                            awaitQuietly(f); // half the callers wait, half fire and forget
                        }
                    }
                    return futures;
                }));
            }
            int completed = 0;
            for (Future<List<CompletableFuture<?>>> f : perThread) {
                for (CompletableFuture<?> op : f.get(FUTURE_LIMIT.toSeconds() * 4, TimeUnit.SECONDS)) {
                    awaitQuietly(op);
                    assertThat(op).isDone();
                    completed++;
                }
            }
            ServiceState expected = switch (lastLifecycle.get()) {
                case "start", "restart" -> ServiceState.RUNNING;
                default -> ServiceState.STOPPED;
            };
            await().atMost(FUTURE_LIMIT).untilAsserted(() -> assertThat(m.getStatus().state())
                    .as("state after the last lifecycle command, %s (seed %d; status %s; last events %s)",
                            lastLifecycle.get(), seed, m.getStatus(), log.lifecycle().subList(
                                    Math.max(0, log.lifecycle().size() - 12), log.lifecycle().size()))
                    .isEqualTo(expected));
            int alive = ProcessTable.mentioning(marker).size();
            assertThat(alive).as("backends alive in state %s", expected).isEqualTo(expected == ServiceState.RUNNING ? 1 : 0);
            Invariants.check(log.lifecycle(), m.config());
            Figures.record("concurrency stress", String.format("threads=%d operations=%d completed=%d seed=%d"
                            + " seconds=%.1f perOperation=%s lastLifecycleCommand=%s finalState=%s starts=%d stops=%d"
                            + " maxBackendsAlive=%d", THREADS, THREADS * opsPerThread, completed, seed,
                    (System.nanoTime() - began) / 1e9, counts, lastLifecycle.get(), expected, log.count("started"),
                    log.count("stopped"), maxAlive.get()));
        } finally {
            workers.shutdownNow();
            sampler.shutdownNow();
            assertThat(sampler.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(maxAlive.get()).as("most backends alive at once").isLessThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessTable.mentioning(marker).isEmpty());
    }

    /** Calls one operation; lifecycle calls are issued under a lock so their order is known. */
    private static CompletableFuture<?> issue(DjangoServiceManager m, String op, Object order,
                                              AtomicReference<String> last) {
        switch (op) {
            case "start", "stop", "restart" -> {
                synchronized (order) {
                    last.set(op);
                    return op.equals("start") ? m.start() : op.equals("stop") ? m.stop() : m.restart();
                }
            }
            case "healthCheck" -> {
                return m.healthCheck();
            }
            case "apiCall" -> {
                return m.apiCall("/api/echo/stress?x=1", "POST", Map.of("n", 1));
            }
            default -> {
                assertThat(m.getStatus()).isNotNull();
                return CompletableFuture.completedFuture(null);
            }
        }
    }

    /** Waits for the future within the bound; a failed future (e.g. not running) also counts as completed. */
    private static void awaitQuietly(CompletableFuture<?> f) throws InterruptedException {
        try {
            f.get(FUTURE_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException expected) {
            // completed exceptionally: apiCall while stopped
        } catch (TimeoutException e) {
            throw new AssertionError("an operation did not complete within " + FUTURE_LIMIT + ": a deadlock", e);
        }
    }
}
