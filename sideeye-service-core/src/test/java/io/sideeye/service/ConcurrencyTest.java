package io.sideeye.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.event.EventBus;
import io.sideeye.service.fake.FakeHttp;
import io.sideeye.service.fake.FakeLauncher;
import io.sideeye.service.fake.FakePorts;
import io.sideeye.service.fake.FakeResolver;
import io.sideeye.service.fake.FakeScheduler;
import io.sideeye.service.process.ChildProcess;
import io.sideeye.service.process.LaunchSpec;
import io.sideeye.service.process.ProcessLauncher;
import io.sideeye.service.process.RuntimeRecords;
import io.sideeye.service.time.SystemScheduler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Real threads against the real scheduler and event thread; processes and HTTP are pretend. */
class ConcurrencyTest {

    @Test
    void randomConcurrentOperationsNeverRunTwoBackendsAndAllComplete() throws Exception {
        FakeLauncher children = new FakeLauncher();
        AtomicInteger maxAlive = new AtomicInteger();
        ProcessLauncher counting = new ProcessLauncher() {
            @Override
            public synchronized ChildProcess launch(LaunchSpec spec) throws IOException {
                ChildProcess c = children.launch(spec);
                maxAlive.accumulateAndGet((int) children.alive(), Math::max);
                return c;
            }
        };
        FakeHttp http = new FakeHttp(children, new FakeScheduler());
        ServiceConfig config = Harness.defaults().config();
        Seams seams = new Seams(counting, new FakeResolver(), http, http, new FakePorts(),
                new SystemScheduler("test-supervisor"), EventBus.withThread("test-events"), RuntimeRecords.in(null),
                Runnable::run);
        DjangoServiceManager m = new DjangoServiceManager(new Supervisor(config, seams));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<CompletableFuture<?>> all = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < 400; i++) {
            int op = random.nextInt(6);
            all.add(CompletableFuture.supplyAsync(() -> switch (op) {
                case 0 -> m.start();
                case 1 -> m.stop();
                case 2 -> m.restart();
                case 3 -> m.healthCheck();
                case 4 -> m.apiCall("/notes/").exceptionally(e -> null);
                default -> CompletableFuture.completedFuture(m.getStatus());
            }, pool).thenCompose(f -> f));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        assertThat(maxAlive.get()).isLessThanOrEqualTo(1);
        assertThat(m.start().get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(m.getStatus().state()).isEqualTo(ServiceState.RUNNING);
        assertThat(m.stop().get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(children.alive()).isZero();
        assertThat(m.getStatus().state()).isEqualTo(ServiceState.STOPPED);
        m.close();
        pool.shutdown();
    }
}
