package io.sideeye.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sideeye.service.ApiResponse;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceState;
import io.sideeye.service.ServiceStatus;
import io.sideeye.testsupport.ProcessTable;
import io.sideeye.testsupport.Signals;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos soak: a fixed number of rounds (system property {@code soak.rounds}), each injecting
 * one random {@link Fault} into the test server run by the real manager, with the invariants
 * checked after every round and resource use compared at the end.
 */
class ChaosSoakIT {
    private static final Duration ROUND_LIMIT = Duration.ofSeconds(30);
    private static final int FLOOD_BYTES = 2 << 20;

    @TempDir
    Path runtimeDir;

    @Test
    void survivesEveryInjectedFaultWithInvariantsIntact() throws Exception {
        int rounds = Integer.getInteger("soak.rounds", 200);
        long seed = Long.getLong("soak.seed", System.nanoTime());
        Random random = new Random(seed);
        String marker = TestServer.marker("soak");
        EventLog log = new EventLog();
        Map<Fault, Integer> injected = new EnumMap<>(Fault.class);
        AtomicInteger maxAlive = new AtomicInteger();
        int failedRecoveries = 0;
        long began = System.nanoTime();
        try (DjangoServiceManager m = TestServer.builder(marker).runtimeDir(runtimeDir)
                .restartDelay(Duration.ofMillis(20)).maxRestartDelay(Duration.ofMillis(80))
                .restartResetAfter(Duration.ofMillis(300)).maxRestartAttempts(4)
                .healthCheckInterval(Duration.ofMillis(100)).healthCheckTimeout(Duration.ofMillis(400))
                .unhealthyThreshold(2).startupTimeout(Duration.ofSeconds(20)).shutdownTimeout(Duration.ofSeconds(2))
                .apiTimeout(Duration.ofSeconds(20)).build()) {
            m.onAny(log);
            assertThat(m.start().get(30, TimeUnit.SECONDS)).isTrue();
            // warm up one round of each mechanism before the baseline, so pools are at their working size
            inject(m, Fault.SIGKILL, random);
            awaitRecovered(m, marker, Fault.SIGKILL, maxAlive, pidOf(m));
            int threadsBefore = Processes.threads();
            String namesBefore = Processes.threadNames();
            long fdsBefore = Processes.fileDescriptors();
            for (int round = 1; round <= rounds; round++) {
                Fault fault = Fault.values()[random.nextInt(Fault.values().length)];
                long pid = pidOf(m);
                inject(m, fault, random);
                injected.merge(fault, 1, Integer::sum);
                if (awaitRecovered(m, marker, fault, maxAlive, pid)) {
                    failedRecoveries++;
                }
                assertThat(ProcessTable.mentioning(marker)).as("backends alive after round %d (%s), seed %d", round, fault,
                        seed).hasSize(1);
                Invariants.check(log.lifecycle(), m.config());
                assertFailedOnlyWhenExhausted(log, m);
            }
            assertThat(m.healthCheck().get(10, TimeUnit.SECONDS)).isTrue();
            ServiceStatus end = m.getStatus();
            // the manager's pools are bounded and end idle threads after seconds: growth must fade back
            await().atMost(Duration.ofSeconds(30)).until(() -> Processes.threads() <= threadsBefore + 2
                    && Processes.fileDescriptors() <= fdsBefore + 4);
            int threadsAfter = Processes.threads();
            long fdsAfter = Processes.fileDescriptors();
            assertThat(threadsAfter).as("threads: before %s, now %s", namesBefore, Processes.threadNames())
                    .isLessThanOrEqualTo(threadsBefore + 2);
            m.stop().get(30, TimeUnit.SECONDS);
            assertThat(ProcessTable.mentioning(marker)).as("orphans after stop").isEmpty();
            Invariants.check(log.lifecycle(), m.config());
            Figures.record("chaos soak", String.format("rounds=%d seed=%d seconds=%.1f faults=%s restartsTotal=%d"
                            + " recoveriesFromFailed=%d maxBackendsAlive=%d outputLines=%d healthResults=%d"
                            + " threads=%d->%d fds=%d->%d", rounds, seed, (System.nanoTime() - began) / 1e9, injected,
                    end.restartsTotal(), failedRecoveries, maxAlive.get(), log.outputLines(), log.healthResults(),
                    threadsBefore, threadsAfter, fdsBefore, fdsAfter));
        }
        assertThat(maxAlive.get()).as("most backends alive at once").isLessThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessTable.mentioning(marker).isEmpty());
    }

    private static long pidOf(DjangoServiceManager m) {
        Long pid = m.getStatus().pid();
        assertThat(pid).as("pid of a running backend, status %s", m.getStatus()).isNotNull();
        return pid;
    }

    private static void inject(DjangoServiceManager m, Fault fault, Random random) throws Exception {
        long pid = pidOf(m);
        switch (fault) {
            case SIGKILL -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            case SIGTERM -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            case SIGSTOP_SIGCONT -> {
                long unhealthyBefore = m.getStatus().restartsTotal();
                Signals.trySend(pid, "STOP");
                // frozen until the manager has noticed (a restart is under way), then thawed
                await().atMost(ROUND_LIMIT).until(() -> m.getStatus().restartsTotal() > unhealthyBefore
                        || m.getStatus().state() == ServiceState.FAILED);
                Signals.trySend(pid, "CONT");
            }
            case HEALTH_500 -> control(m, "/control/health?mode=500");
            case HEALTH_SLOW -> control(m, "/control/health?mode=slow&delayMs=" + (1500 + random.nextInt(1000)));
            case HEALTH_MALFORMED -> control(m, "/control/health?mode=malformed");
            case WRONG_INSTANCE -> control(m, "/control/health?mode=wrong-instance");
            case PORT_CLOSED -> control(m, "/control/close-port");
            case STDOUT_FLOOD -> control(m, "/control/flood?bytes=" + FLOOD_BYTES);
        }
    }

    private static void control(DjangoServiceManager m, String endpoint) throws Exception {
        ApiResponse r = m.apiCall(endpoint, "POST", null).get(30, TimeUnit.SECONDS);
        assertThat(r.success()).as("%s answered %s", endpoint, r).isTrue();
    }

    /**
     * Waits until the backend runs again (a new pid when the fault must restart it) and answers
     * a health check, calling start() when the manager gave up. Samples the process table while
     * waiting. Returns true when start() had to be called.
     */
    private static boolean awaitRecovered(DjangoServiceManager m, String marker, Fault fault, AtomicInteger maxAlive,
                                          long oldPid) throws Exception {
        boolean[] restartedByHand = {false};
        await().atMost(ROUND_LIMIT).pollInterval(Duration.ofMillis(20)).until(() -> {
            maxAlive.accumulateAndGet(ProcessTable.mentioning(marker).size(), Math::max);
            ServiceStatus s = m.getStatus();
            if (s.state() == ServiceState.FAILED) {
                restartedByHand[0] = true;
                return m.start().get(30, TimeUnit.SECONDS);
            }
            return s.state() == ServiceState.RUNNING && s.pid() != null && (!fault.restarts || s.pid() != oldPid);
        });
        await().atMost(ROUND_LIMIT).until(() -> m.healthCheck().get(10, TimeUnit.SECONDS));
        return restartedByHand[0];
    }

    /** FAILED only once the attempts are used up, announced by the "Max restart attempts" error. */
    private static void assertFailedOnlyWhenExhausted(EventLog log, DjangoServiceManager m) {
        long maxReached = log.lifecycle().stream().filter(e -> e instanceof io.sideeye.service.ServiceEvent.Error err
                && err.message().startsWith("Max restart attempts reached")).count();
        long restarting = log.count("restarting");
        assertThat(maxReached).as("give-ups; %d restarts so far", restarting).isLessThanOrEqualTo(restarting);
        ServiceStatus s = m.getStatus();
        if (s.state() == ServiceState.FAILED) {
            assertThat(s.restartAttempts()).isEqualTo(m.config().maxRestartAttempts());
        }
    }
}
