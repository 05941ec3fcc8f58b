package io.sideeye.control.metrics;

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

    /** One sample of a count, printed exactly (no rounding through a double), labels as name, value, ... */
    PrometheusText sample(String name, long value, String... labels) {
        labelled(name, labels).append(' ').append(value).append('\n');
        return this;
    }

    /** One sample with labels given as name, value, name, value, ... */
    PrometheusText sample(String name, double value, String... labels) {
        labelled(name, labels).append(' ').append(format(value)).append('\n');
        return this;
    }

    private StringBuilder labelled(String name, String... labels) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name/value pairs");
        }
        out.append(name);
        if (labels.length == 0) {
            return out;
        }
        out.append('{');
        for (int i = 0; i < labels.length; i += 2) {
            out.append(i == 0 ? "" : ",").append(labels[i]).append("=\"").append(escape(labels[i + 1])).append('"');
        }
        return out.append('}');
    }

    /** A gauge family with one unlabelled sample. */
    PrometheusText gauge(String name, String help, double value) {
        return family(name, "gauge", help).sample(name, value);
    }

    /** A counter family with one unlabelled sample. */
    PrometheusText counter(String name, String help, double value) {
        return family(name, "counter", help).sample(name, value);
    }

    /**
     * A value as the format wants it: {@code +Inf}, {@code -Inf}, {@code NaN}; whole numbers up to
     * 2^53 (exact in a double) without a fraction; others in Java's shortest form that reads back
     * to the same double ({@code 0.0042}, {@code 1.0E-4}), which Prometheus parses.
     */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) <= 9.007199254740992E15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
