package io.sideeye.cli.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A unit file read back: every {@code key=value} of every section, in order; comments apart. */
final class ParsedUnit {
    private final Map<String, List<String[]>> sections = new LinkedHashMap<>();
    private final List<String> comments = new ArrayList<>();

    private ParsedUnit() {
    }

    static ParsedUnit parse(String text) {
        ParsedUnit unit = new ParsedUnit();
        List<String[]> current = null;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("#")) {
                unit.comments.add(line.substring(1).trim());
            } else if (line.startsWith("[") && line.endsWith("]")) {
                current = unit.sections.computeIfAbsent(line.substring(1, line.length() - 1), k -> new ArrayList<>());
            } else if (!line.isBlank()) {
                int eq = line.indexOf('=');
                if (current == null || eq < 1) {
                    throw new AssertionError("not a unit-file line: " + line);
                }
                current.add(new String[] {line.substring(0, eq), line.substring(eq + 1)});
            }
        }
        return unit;
    }

    /** The section names in order. */
    List<String> sections() {
        return List.copyOf(sections.keySet());
    }

    /** Every value of {@code key} in {@code section}, in order. */
    List<String> all(String section, String key) {
        return sections.getOrDefault(section, List.of()).stream().filter(kv -> kv[0].equals(key)).map(kv -> kv[1])
                .toList();
    }

    /** The one value of {@code key} in {@code section}. */
    String get(String section, String key) {
        List<String> values = all(section, key);
        if (values.size() != 1) {
            throw new AssertionError(section + "." + key + " has " + values.size() + " values: " + values);
        }
        return values.get(0);
    }

    /** Whether {@code section} sets {@code key}. */
    boolean has(String section, String key) {
        return !all(section, key).isEmpty();
    }

    /** The comment lines, without {@code #}. */
    List<String> comments() {
        return List.copyOf(comments);
    }
}
