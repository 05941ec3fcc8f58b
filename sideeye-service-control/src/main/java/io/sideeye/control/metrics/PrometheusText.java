package io.sideeye.control.metrics;

import java.util.Locale;

/** Writes the Prometheus text exposition format (version 0.0.4). */
final class PrometheusText {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder(4096);

    /** Starts a metric family with its help text and type. */
    PrometheusText family(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    /** One sample without labels. */
    PrometheusText sample(String name, double value) {
        out.append(name).append(' ').append(format(value)).append('\n');
        return this;
    }

    /** One sample with a single label. */
    PrometheusText sample(String name, String label, String labelValue, double value) {
        out.append(name).append('{').append(label).append("=\"").append(escape(labelValue)).append("\"} ")
                .append(format(value)).append('\n');
        return this;
    }

    /** A gauge family with one unlabelled sample. */
    PrometheusText gauge(String name, String help, double value) {
        return family(name, "gauge", help).sample(name, value);
    }

    /** A counter family with one unlabelled sample. */
    PrometheusText counter(String name, String help, double value) {
        return family(name, "counter", help).sample(name, value);
    }

    private static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
