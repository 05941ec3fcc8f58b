package io.sideeye.control.metrics;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A cumulative latency histogram as Prometheus expects one: fixed bucket bounds in seconds,
 * counts per bucket, the sum and the count since the control server started. Recording is a
 * few adder increments on the event thread; nothing runs between scrapes.
 */
final class LatencyHistogram {
    /** The bucket bounds in seconds (the Prometheus client's defaults); {@code +Inf} is implied. */
    static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final LongAdder[] buckets = new LongAdder[BOUNDS.length];
    private final LongAdder count = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();

    LatencyHistogram() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    /** Records one observation of {@code seconds}. */
    void observe(double seconds) {
        for (int i = 0; i < BOUNDS.length; i++) {
            if (seconds <= BOUNDS[i]) {
                buckets[i].increment();
                break;
            }
        }
        sum.add(seconds);
        count.increment();
    }

    /**
     * Writes the samples of this histogram ({@code _bucket} cumulative, with {@code le="+Inf"}
     * equal to {@code _count}, then {@code _sum} and {@code _count}) under {@code name}'s family.
     */
    void write(PrometheusText t, String name, String... labels) {
        long total = count.sum(); // read first: the buckets read after may only have grown
        double seconds = sum.sum();
        long cumulative = 0;
        String[] withLe = java.util.Arrays.copyOf(labels, labels.length + 2);
        withLe[labels.length] = "le";
        for (int i = 0; i < BOUNDS.length; i++) {
            cumulative = Math.min(total, cumulative + buckets[i].sum());
            withLe[labels.length + 1] = PrometheusText.format(BOUNDS[i]);
            t.sample(name + "_bucket", cumulative, withLe);
        }
        withLe[labels.length + 1] = "+Inf";
        t.sample(name + "_bucket", total, withLe);
        t.sample(name + "_sum", seconds, labels);
        t.sample(name + "_count", total, labels);
    }
}
