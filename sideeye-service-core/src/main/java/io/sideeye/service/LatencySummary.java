package io.sideeye.service;

/**
 * Rolling latency figures over the most recent samples.
 *
 * @param count number of samples in the window
 * @param p50   median in milliseconds (0 when there are no samples)
 * @param p95   95th percentile in milliseconds (0 when there are no samples)
 * @param max   largest sample in the window in milliseconds
 */
public record LatencySummary(int count, double p50, double p95, double max) {
    /** The summary of an empty window. */
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0);
}
