package io.sideeye.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/** Prints result rows as a fixed-width table and appends them to a TSV file for the docs. */
final class Table {
    private final Path tsv;

    Table(Path tsv) {
        this.tsv = tsv;
        header();
    }

    private void header() {
        System.out.printf(Locale.ROOT, "%-46s %5s %10s %10s %10s  %-8s %s%n",
                "figure", "n", "median", "min", "max", "target", "met");
    }

    /** One row from samples; {@code target} null when the row is informative only. */
    void row(String figure, String unit, Stats s, Double target, boolean lowerIsBetter) {
        String met = target == null ? "" : ((lowerIsBetter ? s.median() <= target : s.median() >= target) ? "yes" : "NO");
        String t = target == null ? "" : (lowerIsBetter ? "<=" : ">=") + fmt(target);
        line(figure + " [" + unit + "]", s.count(), s.median(), s.min(), s.max(), t, met);
    }

    /** One single-valued row. */
    void value(String figure, String unit, double v, Double target, boolean lowerIsBetter) {
        Stats s = new Stats();
        s.add(v);
        row(figure, unit, s, target, lowerIsBetter);
    }

    /** A free-text note row. */
    void note(String text) {
        System.out.println("  # " + text);
        append("#\t" + text);
    }

    private void line(String figure, int n, double med, double min, double max, String target, String met) {
        System.out.printf(Locale.ROOT, "%-46s %5d %10s %10s %10s  %-8s %s%n", figure, n, fmt(med), fmt(min), fmt(max), target, met);
        System.out.flush();
        append(String.join("\t", figure, Integer.toString(n), fmt(med), fmt(min), fmt(max), target, met));
    }

    private void append(String line) {
        try {
            Files.writeString(tsv, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write results to " + tsv + ": " + e.getMessage(), e);
        }
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) return "-";
        double a = Math.abs(v);
        String f = a >= 100 || v == Math.rint(v) && a < 1e15 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, f, v);
    }
}
