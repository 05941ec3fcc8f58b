package io.sideeye.control.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When a feed's tick runs: at most once per three quarters of its period, on whichever thread
 * claims it; and when its timer stands down and comes back. The times are given (the period is
 * an hour, so the real timer never fires during a test).
 */
class SseFeedTest {
    private static final long PERIOD = TimeUnit.HOURS.toNanos(1);
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    private final AtomicInteger ticks = new AtomicInteger();
    private final SseFeed feed = new SseFeed("figures", PERIOD, ticks::incrementAndGet, timer);

    SseFeedTest() {
        timer.setRemoveOnCancelPolicy(true); // as the hub's timer
    }

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void aTickRidesOnAPublishOnlyOnceThreeQuartersOfThePeriodPassed() {
        feed.joined();
        feed.runNow();
        long start = System.nanoTime(); // at or after the tick
        assertThat(ticks).hasValue(1);

        feed.runIfDue(start + PERIOD / 2);
        assertThat(ticks).as("half a period later").hasValue(1);
        feed.runIfDue(start + PERIOD / 4 * 3 + 1);
        assertThat(ticks).as("three quarters later").hasValue(2);
        feed.runIfDue(start + PERIOD / 4 * 3 + 2);
        assertThat(ticks).as("claimed already").hasValue(2);
        feed.onTimer(start + PERIOD);
        assertThat(ticks).as("the timer finds it done").hasValue(2);
        feed.onTimer(start + PERIOD / 4 * 7 + 2);
        assertThat(ticks).as("the timer runs a tick nobody else ran").hasValue(3);
        assertThat(feed.scheduled()).isTrue();
        assertThat(timer.getQueue()).hasSize(1);
        assertThat(((ScheduledFuture<?>) timer.getQueue().peek()).getDelay(TimeUnit.NANOSECONDS))
                .as("five quarters of a period after its tick, so that a published frame can carry the next one")
                .isGreaterThan(PERIOD / 4 * 5 - TimeUnit.MINUTES.toNanos(1)).isLessThanOrEqualTo(PERIOD / 4 * 5);
    }

    @Test
    void theTimerStandsDownWhenOthersDoItsWorkAndALateTickBringsItBack() {
        feed.joined();
        feed.runNow();
        long t = System.nanoTime();
        for (int i = 1; i <= SseFeed.STAND_DOWN_AFTER; i++) {
            assertThat(feed.scheduled()).isTrue();
            t += PERIOD;
            feed.runIfDue(t - PERIOD / 10); // a publish carried the tick just before the timer fired
            feed.onTimer(t);
        }
        assertThat(ticks).hasValue(1 + SseFeed.STAND_DOWN_AFTER);
        assertThat(feed.scheduled()).as("stood down").isFalse();

        feed.runIfDue(t + PERIOD);
        assertThat(feed.scheduled()).as("a tick one period late: still carried by others").isFalse();
        feed.runIfDue(t + PERIOD * 4);
        assertThat(ticks).hasValue(3 + SseFeed.STAND_DOWN_AFTER);
        assertThat(feed.scheduled()).as("two periods without a tick: the timer is back").isTrue();
    }

    @Test
    void nothingRunsWithoutAStreamAndTheLastStreamStopsTheTimer() {
        long later = System.nanoTime() + PERIOD;
        feed.runIfDue(later);
        assertThat(ticks).hasValue(0);

        feed.joined();
        feed.joined();
        assertThat(feed.active()).isTrue();
        assertThat(timer.getQueue()).hasSize(1);
        feed.left();
        assertThat(feed.scheduled()).isTrue();
        feed.left();
        assertThat(feed.active()).isFalse();
        assertThat(feed.scheduled()).isFalse();
        assertThat(timer.getQueue()).isEmpty();
        feed.runIfDue(later);
        assertThat(ticks).hasValue(0);
    }

    @Test
    void aFailingTickIsContainedAndTheFeedGoesOn() {
        AtomicInteger calls = new AtomicInteger();
        SseFeed failing = new SseFeed("broken", PERIOD, () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("no figures");
        }, timer);
        failing.joined();
        failing.runNow();
        failing.runIfDue(System.nanoTime() + PERIOD);
        assertThat(calls).hasValue(2);
    }
}
