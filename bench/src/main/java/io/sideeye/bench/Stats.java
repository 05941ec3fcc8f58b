package io.sideeye.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Samples of one figure; median, min and max over the repeated runs. */
final class Stats {
    private final List<Double> values = new ArrayList<>();

    void add(double v) { values.add(v); }

    int count() { return values.size(); }

    double median() {
        List<Double> s = sorted();
        int n = s.size();
        if (n == 0) return Double.NaN;
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    double min() { return values.isEmpty() ? Double.NaN : Collections.min(values); }

    double max() { return values.isEmpty() ? Double.NaN : Collections.max(values); }

    private List<Double> sorted() {
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        return s;
    }
}
