package io.sideeye.desktop.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.ServiceEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EarlyEventsTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void keepsTheEventsUntilTheWindowTakesThemThenPassesThemStraightOn() {
        EarlyEvents early = new EarlyEvents();
        ServiceEvent starting = new ServiceEvent.Starting(T);
        ServiceEvent started = new ServiceEvent.Started(T, 42, 8000, 900);
        ServiceEvent stopped = new ServiceEvent.Stopped(T);
        early.accept(starting);
        early.accept(started);
        List<ServiceEvent> window = new ArrayList<>();
        early.handOver(window::add);
        assertThat(window).containsExactly(starting, started);
        early.accept(stopped);
        assertThat(window).containsExactly(starting, started, stopped);
    }

    @Test
    void keepsAtMostTheLogsCapacityDroppingTheOldest() {
        EarlyEvents early = new EarlyEvents();
        for (int i = 0; i < EarlyEvents.CAPACITY + 10; i++) {
            early.accept(new ServiceEvent.Started(T, i, 8000, 0));
        }
        List<ServiceEvent> window = new ArrayList<>();
        early.handOver(window::add);
        assertThat(window).hasSize(EarlyEvents.CAPACITY);
        assertThat(((ServiceEvent.Started) window.get(0)).pid()).isEqualTo(10);
    }
}
