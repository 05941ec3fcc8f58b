package io.sideeye.cli.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * A configuration file as written: its top-level values and its profiles, each value with the
 * line it was written on. Keys are not yet checked against {@link ConfigKey}.
 *
 * @param file     the file
 * @param shown    how the file is named in messages (relative to the working directory when inside it)
 * @param values   top-level keys other than {@code profiles}, in file order
 * @param profiles profile name to its keys, in file order
 */
public record ConfigDocument(Path file, String shown, Map<String, RawValue> values,
                             Map<String, Map<String, RawValue>> profiles) {

    /** The folder relative paths in the file are resolved against. */
    public Path baseDir() {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }
}
