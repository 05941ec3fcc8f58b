package io.sideeye.cli.export;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of one systemd unit file, written section by section in the order given. Values must
 * already be in unit-file syntax ({@link SystemdSyntax}).
 */
final class UnitFile {
    private final List<String> lines = new ArrayList<>();

    /** Starts the file with comment lines. */
    UnitFile(String... header) {
        for (String line : header) {
            comment(line);
        }
    }

    /** Opens a section, e.g. {@code Unit}. */
    UnitFile section(String name) {
        if (!lines.isEmpty()) {
            lines.add("");
        }
        lines.add("[" + name + "]");
        return this;
    }

    /** A {@code key=value} line. */
    UnitFile set(String key, Object value) {
        lines.add(key + "=" + value);
        return this;
    }

    /** A comment line. */
    UnitFile comment(String text) {
        lines.add("# " + text);
        return this;
    }

    /** The file's text, ending with a line break. */
    String text() {
        return String.join("\n", lines) + "\n";
    }
}
