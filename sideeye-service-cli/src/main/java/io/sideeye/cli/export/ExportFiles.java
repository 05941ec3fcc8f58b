package io.sideeye.cli.export;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Puts exported files where they were asked for: into a folder, or one after another on standard output. */
public final class ExportFiles {
    private ExportFiles() {
    }

    /**
     * Writes each file into {@code dir} (created when missing; files of the same name are replaced).
     *
     * @return the paths written, in order
     * @throws UncheckedIOException naming the path that could not be written
     */
    public static List<Path> write(Map<String, String> files, Path dir) {
        List<Path> written = new ArrayList<>();
        Path target = dir;
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> file : files.entrySet()) {
                target = dir.resolve(file.getKey());
                Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
                written.add(target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target.toAbsolutePath() + ": " + e.getMessage()
                    + "; choose a folder you can write with --out", e);
        }
        return written;
    }

    /** Prints the files one after another, separated by a blank line. */
    public static void print(Map<String, String> files, PrintStream out) {
        boolean first = true;
        for (String text : files.values()) {
            if (!first) {
                out.println();
            }
            out.print(text);
            first = false;
        }
        out.flush();
    }
}
