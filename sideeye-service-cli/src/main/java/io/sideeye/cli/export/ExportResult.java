package io.sideeye.cli.export;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an export produced.
 *
 * @param files the files to write, by file name, in order
 * @param notes what the user should know about them (ports chosen, services left out, ...)
 */
public record ExportResult(Map<String, String> files, List<String> notes) {
    /** Keeps unmodifiable copies; the files keep their order. */
    public ExportResult {
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
        notes = List.copyOf(notes);
    }
}
