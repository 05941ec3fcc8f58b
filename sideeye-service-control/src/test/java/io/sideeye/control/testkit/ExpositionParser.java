package io.sideeye.control.testkit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, as Prometheus's own parser
 * (expfmt / textparse) reads it: {@code # HELP} and {@code # TYPE} lines, then samples
 * {@code name{label="value",...} value}, with valid metric and label names, escaped label
 * values, values that are floats or {@code +Inf}/{@code -Inf}/{@code NaN}. On top of the
 * grammar it checks what Prometheus rejects or warns about: a family's samples together after
 * its TYPE, no family declared twice, no duplicate series, sample names that fit their type
 * ({@code _bucket}/{@code _sum}/{@code _count} for histograms, {@code _sum}/{@code _count} or a
 * {@code quantile} label for summaries), histogram buckets that grow with {@code le} and end in
 * {@code le="+Inf"} equal to {@code _count}, and counters that are whole, non-negative numbers
 * or, for {@code _seconds_total}, non-negative.
 */
public final class ExpositionParser {
    private static final Pattern HELP = Pattern.compile("# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)");
    private static final Pattern TYPE = Pattern.compile(
            "# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*)\\})?"
                    + " (\\+Inf|-Inf|NaN|[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One sample. */
    public record Sample(String name, Map<String, String> labels, double value, String text) {
    }

    /** One family: its type and samples. */
    public record Family(String name, String type, List<Sample> samples) {
    }

    private ExpositionParser() {
    }

    /** Parses {@code text}; throws {@link AssertionError} naming the line for anything Prometheus would not accept. */
    public static Map<String, Family> parse(String text) {
        if (!text.endsWith("\n")) {
            throw new AssertionError("the exposition must end with a line break");
        }
        Map<String, Family> families = new LinkedHashMap<>();
        Set<String> series = new HashSet<>();
        Family current = null;
        int n = 0;
        for (String line : text.split("\n")) {
            n++;
            Matcher m;
            if ((m = HELP.matcher(line)).matches()) {
                if (families.containsKey(m.group(1))) {
                    throw new AssertionError("line " + n + ": family " + m.group(1) + " appears twice");
                }
            } else if ((m = TYPE.matcher(line)).matches()) {
                if (families.containsKey(m.group(1))) {
                    throw new AssertionError("line " + n + ": family " + m.group(1) + " appears twice");
                }
                current = new Family(m.group(1), m.group(2), new ArrayList<>());
                families.put(current.name(), current);
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                if (current == null || !belongs(current, m.group(1))) {
                    throw new AssertionError("line " + n + ": sample " + m.group(1) + " is not in the family declared"
                            + " before it (" + (current == null ? "none" : current.name() + " " + current.type()) + ")");
                }
                Map<String, String> labels = new LinkedHashMap<>();
                if (m.group(3) != null) {
                    Matcher l = LABEL.matcher(m.group(3));
                    while (l.find()) {
                        if (labels.put(l.group(1), l.group(2)) != null) {
                            throw new AssertionError("line " + n + ": label " + l.group(1) + " twice");
                        }
                    }
                }
                if (!series.add(m.group(1) + labels)) {
                    throw new AssertionError("line " + n + ": duplicate series " + m.group(1) + labels);
                }
                String v = m.group(4);
                double value = v.equals("+Inf") ? Double.POSITIVE_INFINITY : v.equals("-Inf")
                        ? Double.NEGATIVE_INFINITY : Double.parseDouble(v);
                current.samples().add(new Sample(m.group(1), labels, value, v));
            } else {
                throw new AssertionError("line " + n + " is not in the text format: '" + line + "'");
            }
        }
        families.values().forEach(ExpositionParser::checkFamily);
        return families;
    }

    private static boolean belongs(Family f, String sample) {
        return switch (f.type()) {
            case "histogram" -> sample.equals(f.name() + "_bucket") || sample.equals(f.name() + "_sum")
                    || sample.equals(f.name() + "_count");
            case "summary" -> sample.equals(f.name()) || sample.equals(f.name() + "_sum")
                    || sample.equals(f.name() + "_count");
            default -> sample.equals(f.name());
        };
    }

    private static void checkFamily(Family f) {
        switch (f.type()) {
            case "counter" -> f.samples().forEach(s -> {
                if (!(s.value() >= 0)) {
                    throw new AssertionError(f.name() + ": a counter below zero or NaN: " + s.text());
                }
                if (!f.name().endsWith("_seconds_total") && !s.text().matches("\\d+")) {
                    throw new AssertionError(f.name() + ": a count printed inexactly: " + s.text());
                }
            });
            case "summary" -> f.samples().stream().filter(s -> s.name().equals(f.name())).forEach(s -> {
                if (!s.labels().containsKey("quantile")) {
                    throw new AssertionError(f.name() + ": a summary sample without quantile");
                }
            });
            case "histogram" -> checkHistogram(f);
            default -> { }
        }
    }

    private static void checkHistogram(Family f) {
        Map<Map<String, String>, List<Sample>> buckets = new LinkedHashMap<>();
        Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
        for (Sample s : f.samples()) {
            if (s.name().endsWith("_bucket")) {
                Map<String, String> rest = new LinkedHashMap<>(s.labels());
                if (rest.remove("le") == null) {
                    throw new AssertionError(f.name() + ": a bucket without le");
                }
                buckets.computeIfAbsent(rest, k -> new ArrayList<>()).add(s);
            } else if (s.name().endsWith("_count")) {
                counts.put(s.labels(), s.value());
            }
        }
        buckets.forEach((labels, list) -> {
            double le = Double.NEGATIVE_INFINITY;
            double count = -1;
            for (Sample b : list) {
                String text = b.labels().get("le");
                double bound = text.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(text);
                if (bound <= le || b.value() < count) {
                    throw new AssertionError(f.name() + labels + ": buckets must grow with le: " + list);
                }
                le = bound;
                count = b.value();
            }
            if (le != Double.POSITIVE_INFINITY || !Double.valueOf(count).equals(counts.get(labels))) {
                throw new AssertionError(f.name() + labels + ": the le=\"+Inf\" bucket must equal _count");
            }
        });
    }
}
