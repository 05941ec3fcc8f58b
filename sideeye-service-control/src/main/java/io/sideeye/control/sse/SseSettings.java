package io.sideeye.control.sse;

import java.time.Duration;

/**
 * Tuning of the event streams.
 *
 * @param queueCapacity     frames a subscriber may have waiting before it is dropped as too slow
 * @param writerThreads     writer threads shared by all streams
 * @param maxWriterThreads  cap when writers are added to replace ones blocked by stalled clients
 * @param heartbeatInterval time between heartbeat comments ({@code :\n\n})
 * @param stallTimeout      time one write may block before its subscriber is dropped
 */
public record SseSettings(int queueCapacity, int writerThreads, int maxWriterThreads,
                          Duration heartbeatInterval, Duration stallTimeout) {
    /** 1024 frames, 2 writers (at most 16), heartbeat every 15 s, stall limit 10 s. */
    public static final SseSettings DEFAULTS =
            new SseSettings(1024, 2, 16, Duration.ofSeconds(15), Duration.ofSeconds(10));

    /** Validates every value. */
    public SseSettings {
        if (queueCapacity < 1 || writerThreads < 1 || maxWriterThreads < writerThreads) {
            throw new IllegalArgumentException("SSE settings need queueCapacity >= 1 and"
                    + " 1 <= writerThreads <= maxWriterThreads, got " + queueCapacity + ", "
                    + writerThreads + ", " + maxWriterThreads);
        }
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()
                || stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new IllegalArgumentException("SSE heartbeat interval and stall timeout must be positive");
        }
    }
}
