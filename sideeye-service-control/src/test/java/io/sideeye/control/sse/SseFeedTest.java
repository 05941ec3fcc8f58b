package io.sideeye.control.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When a feed's tick runs: at most once per three quarters of its period, on whichever thread claims it. */
class SseFeedTest {
    private static final long PERIOD = TimeUnit.HOURS.toNanos(1); // the timer never fires during a test
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    private final AtomicInteger ticks = new AtomicInteger();
    private final SseFeed feed = new SseFeed("figures", PERIOD, ticks::incrementAndGet);

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void aTickRidesOnAPublishOnlyOnceThreeQuartersOfThePeriodPassed() {
        feed.joinedLocked(timer);
        feed.runNow();
        long start = System.nanoTime(); // at or after the tick
        assertThat(ticks).hasValue(1);

        feed.runIfDue(start + PERIOD / 2);
        assertThat(ticks).as("half a period later").hasValue(1);
        feed.runIfDue(start + PERIOD / 4 * 3 + 1);
        assertThat(ticks).as("three quarters later").hasValue(2);
        feed.runIfDue(start + PERIOD / 4 * 3 + 2);
        assertThat(ticks).as("claimed already").hasValue(2);
    }

    @Test
    void nothingRunsWithoutAStreamAndTheLastStreamEndsTheSchedule() {
        long later = System.nanoTime() + PERIOD;
        feed.runIfDue(later);
        assertThat(ticks).hasValue(0);

        feed.joinedLocked(timer);
        feed.joinedLocked(timer);
        assertThat(feed.active()).isTrue();
        assertThat(feed.scheduledLocked()).isTrue();
        assertThat(timer.getQueue()).hasSize(1);
        feed.leftLocked();
        assertThat(feed.scheduledLocked()).isTrue();
        feed.leftLocked();
        assertThat(feed.active()).isFalse();
        assertThat(feed.scheduledLocked()).isFalse();
        feed.runIfDue(later);
        assertThat(ticks).hasValue(0);
    }

    @Test
    void aFailingTickIsContainedAndTheFeedGoesOn() {
        AtomicInteger calls = new AtomicInteger();
        SseFeed failing = new SseFeed("broken", PERIOD, () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("no figures");
        });
        failing.joinedLocked(timer);
        failing.runNow();
        failing.runIfDue(System.nanoTime() + PERIOD);
        assertThat(calls).hasValue(2);
    }
}
