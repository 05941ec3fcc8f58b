package io.sideeye.control.metrics;

import java.util.Locale;

/** Writes the Prometheus text exposition format (version 0.0.4). */
final class PrometheusText {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder(4096);

    /** Starts a metric family with its help text and type; its samples must follow. */
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

    /** One sample with labels given as name, value, name, value, ... */
    PrometheusText sample(String name, double value, String... labels) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name/value pairs");
        }
        out.append(name).append('{');
        for (int i = 0; i < labels.length; i += 2) {
            out.append(i == 0 ? "" : ",").append(labels[i]).append("=\"").append(escape(labels[i + 1])).append('"');
        }
        out.append("} ").append(format(value)).append('\n');
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
