package io.sideeye.service.metrics;

import io.sideeye.service.LatencySummary;
import java.util.Arrays;

/** The most recent N latency samples and their percentiles. Thread-safe. */
public final class LatencyWindow {
    private final double[] samples;
    private int next;
    private int size;

    /** @param capacity how many recent samples are kept */
    public LatencyWindow(int capacity) {
        samples = new double[capacity];
    }

    /** Adds one sample in milliseconds. */
    public synchronized void record(double millis) {
        samples[next] = millis;
        next = (next + 1) % samples.length;
        size = Math.min(size + 1, samples.length);
    }

    /** p50, p95 and max of the samples in the window (nearest-rank). */
    public synchronized LatencySummary summary() {
        if (size == 0) {
            return LatencySummary.EMPTY;
        }
        double[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        return new LatencySummary(size, rank(sorted, 0.50), rank(sorted, 0.95), sorted[size - 1]);
    }

    private static double rank(double[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }
}
