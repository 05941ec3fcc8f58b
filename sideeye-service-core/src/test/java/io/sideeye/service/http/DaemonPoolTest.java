package io.sideeye.service.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DaemonPoolTest {
    /** Long enough that no thread ends while a test runs, unless the test shortens it. */
    private final DaemonPool pool = DaemonPool.create("pool-test", 3, Duration.ofSeconds(30));

    @AfterEach
    void shutDown() {
        pool.shutdownNow();
    }

    @Test
    void runsSequentialWorkOnOneThread() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        for (int i = 1; i <= 50; i++) {
            pool.execute(() -> threads.add(Thread.currentThread().getName()));
            long done = i;
            await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                    .until(() -> pool.getCompletedTaskCount() == done);
        }

        assertThat(threads).containsExactly("pool-test-1");
    }

    @Test
    void growsWhileAllThreadsAreBusyUpToItsBoundThenQueues() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(3);
        List<Runnable> blocked = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            blocked.add(() -> {
                started.countDown();
                awaitQuietly(release);
            });
        }
        blocked.forEach(pool::execute);

        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(pool.getPoolSize()).isEqualTo(3);
        assertThat(pool.getQueue()).hasSize(2);

        release.countDown();
        await().until(() -> pool.getCompletedTaskCount() == 5);
    }

    @Test
    void endsIdleThreadsAndUsesDaemons() throws Exception {
        CountDownLatch ran = new CountDownLatch(2);
        Set<Boolean> daemon = ConcurrentHashMap.newKeySet();
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 2; i++) {
            pool.execute(() -> {
                daemon.add(Thread.currentThread().isDaemon());
                ran.countDown();
                awaitQuietly(release);
            });
        }
        assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(pool.getPoolSize()).isEqualTo(2);
        pool.setKeepAliveTime(50, TimeUnit.MILLISECONDS);
        release.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> pool.getPoolSize() == 0);
        assertThat(daemon).containsExactly(true);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
