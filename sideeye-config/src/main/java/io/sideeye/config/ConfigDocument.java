package io.sideeye.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * A configuration file as written: its top-level layer and its profiles, each value with the
 * line it was written on. Keys are not yet checked against {@link ConfigKey}.
 *
 * @param file     the file
 * @param shown    how the file is named in messages (relative to the working directory when inside it)
 * @param top      the top-level keys and {@code services:} blocks
 * @param profiles profile name to its layer, in file order
 */
public record ConfigDocument(Path file, String shown, ConfigLayer top, Map<String, ConfigLayer> profiles) {

    /** The folder relative paths in the file are resolved against. */
    public Path baseDir() {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }
}
