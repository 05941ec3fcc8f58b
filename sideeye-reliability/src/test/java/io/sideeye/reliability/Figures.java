package io.sideeye.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** Appends a suite's figures to the report file ({@code -Dreliability.report}) and prints them. */
final class Figures {
    private Figures() {
    }

    static synchronized void record(String suite, String figures) {
        String line = Instant.now() + " " + suite + ": " + figures + System.lineSeparator();
        System.out.print(line);
        String report = System.getProperty("reliability.report");
        if (report == null) {
            return;
        }
        try {
            Files.writeString(Path.of(report), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
