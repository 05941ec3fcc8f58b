package io.sideeye.service.process;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Records of the children this manager spawned (pid, start time, instance id), kept in a small
 * file per service so that the next start stops a stale backend a crashed host left behind.
 */
public class RuntimeRecords {

    /** Records under {@code dir}, or a no-op when {@code dir} is null. */
    public static RuntimeRecords in(Path dir) {
        return new RuntimeRecords();
    }

    /** Stops a still-alive recorded child of {@code key} (same pid and start time) and forgets it. */
    public void stopStale(String key) {
    }

    /** Remembers the running child of {@code key}. */
    public void record(String key, long pid, Instant startTime, String instanceId) {
    }

    /** Forgets the child of {@code key}. */
    public void clear(String key) {
    }
}
