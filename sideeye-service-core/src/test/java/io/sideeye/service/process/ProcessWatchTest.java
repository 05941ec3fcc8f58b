package io.sideeye.service.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sideeye.service.time.Cancellable;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProcessWatchTest {

    @Test
    void refreshesShareOneTickAndAFailingOneDoesNotStopTheOthers() {
        AtomicInteger quiet = new AtomicInteger();
        AtomicInteger failing = new AtomicInteger();
        Cancellable a = ProcessWatch.refreshEvery(Duration.ZERO, quiet::incrementAndGet);
        Cancellable b = ProcessWatch.refreshEvery(Duration.ZERO, () -> {
            failing.incrementAndGet();
            throw new IllegalStateException("refresh failed on purpose");
        });
        try {
            // the first run is the one after `first`, the others come from the shared tick
            await().atMost(Duration.ofSeconds(10)).until(() -> quiet.get() >= 3 && failing.get() >= 3);
        } finally {
            a.cancel();
            b.cancel();
        }
    }

    @Test
    void aCancelledRefreshIsNotRunAtLaterTicks() {
        AtomicInteger cancelled = new AtomicInteger();
        Cancellable gone = ProcessWatch.refreshEvery(Duration.ZERO, cancelled::incrementAndGet);
        await().atMost(Duration.ofSeconds(10)).until(() -> cancelled.get() >= 2);
        gone.cancel();
        int atCancel = cancelled.get();

        AtomicInteger later = new AtomicInteger();
        Cancellable witness = ProcessWatch.refreshEvery(Duration.ofDays(1), later::incrementAndGet);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> later.get() >= 2); // two full ticks since
        } finally {
            witness.cancel();
        }
        assertThat(cancelled.get()).isLessThanOrEqualTo(atCancel + 1); // at most a tick already under way
    }

    @Test
    void aRefreshOfALongerPeriodRunsAtItsOwnTickNotAtTheDefaultOne() {
        AtomicInteger everySecond = new AtomicInteger();
        AtomicInteger daily = new AtomicInteger();
        Cancellable a = ProcessWatch.refreshEvery(Duration.ZERO, everySecond::incrementAndGet);
        Cancellable b = ProcessWatch.refreshEvery(Duration.ZERO, Duration.ofDays(1), daily::incrementAndGet);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> everySecond.get() >= 3 && daily.get() >= 1);
            assertThat(daily.get()).as("only its first run").isEqualTo(1);
        } finally {
            a.cancel();
            b.cancel();
        }
    }
}
