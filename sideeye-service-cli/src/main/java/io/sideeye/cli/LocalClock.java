package io.sideeye.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The system clock in the system's time zone, with the zone looked up only when a time is first
 * shown: the lookup reads the time-zone database, which would otherwise be part of every start
 * before the backend is spawned (and JSON output never needs it).
 */
final class LocalClock extends Clock {
    static final LocalClock INSTANCE = new LocalClock();

    private LocalClock() {
    }

    @Override
    public ZoneId getZone() {
        return ZoneId.systemDefault();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.system(zone);
    }

    @Override
    public Instant instant() {
        return Instant.now();
    }

    @Override
    public long millis() {
        return System.currentTimeMillis();
    }
}
