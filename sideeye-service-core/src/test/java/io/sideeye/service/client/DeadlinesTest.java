package io.sideeye.service.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sideeye.service.http.Calls;
import io.sideeye.service.time.Cancellable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The deadline watcher behind the API transport's overall timeout. */
class DeadlinesTest {
    private static final long HOUR = TimeUnit.HOURS.toNanos(1);
    private final List<String> fired = new CopyOnWriteArrayList<>();
    private final Executor inline = Runnable::run;
    private final String watcherName = "deadlines-test-" + System.identityHashCode(this);
    private final Deadlines deadlines = new Deadlines(watcherName, inline);

    @Test
    void runsTheActionOfAPassedDeadline() {
        deadlines.add(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20), () -> fired.add("due"));

        await().atMost(Duration.ofSeconds(Calls.GUARD_SECONDS)).until(() -> fired.contains("due"));
        assertThat(deadlines.size()).isZero();
    }

    @Test
    void aCancelledDeadlineNeverFiresAndIsForgotten() throws Exception {
        long now = System.nanoTime();
        // a second ahead, so that it is cancelled long before it could pass; the later one shows it did not fire
        Cancellable cancelled = deadlines.add(now + TimeUnit.SECONDS.toNanos(1), () -> fired.add("cancelled"));
        cancelled.cancel();
        CountDownLatch later = new CountDownLatch(1);
        deadlines.add(now + TimeUnit.MILLISECONDS.toNanos(1200), later::countDown);

        assertThat(later.await(Calls.GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(fired).isEmpty();
        assertThat(deadlines.size()).isZero();
    }

    @Test
    void anEarlierDeadlineAddedWhileWaitingForALaterOneFiresFirst() {
        deadlines.add(System.nanoTime() + HOUR, () -> fired.add("in an hour"));
        await().atMost(Duration.ofSeconds(Calls.GUARD_SECONDS)).until(() -> watcherIsWaiting());

        deadlines.add(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20), () -> fired.add("soon"));

        await().atMost(Duration.ofSeconds(Calls.GUARD_SECONDS)).until(() -> fired.contains("soon"));
        assertThat(fired).containsExactly("soon");
        assertThat(deadlines.size()).isEqualTo(1);
    }

    @Test
    void deadlinesPassedTogetherFireInTheirOrder() {
        long now = System.nanoTime();
        deadlines.add(now + HOUR, () -> fired.add("later"));
        deadlines.add(now - 2, () -> fired.add("first"));
        deadlines.add(now - 1, () -> fired.add("second"));

        await().atMost(Duration.ofSeconds(Calls.GUARD_SECONDS)).until(() -> fired.size() == 2);
        assertThat(fired).containsExactly("first", "second");
    }

    private boolean watcherIsWaiting() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals(watcherName) && t.getState() == Thread.State.TIMED_WAITING);
    }
}
