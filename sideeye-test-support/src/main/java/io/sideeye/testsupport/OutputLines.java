package io.sideeye.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines a process prints, read as they come on a daemon thread, so tests can await a line
 * instead of sleeping. A stream that fails adds a last line {@code (output closed: <reason>)}.
 */
public final class OutputLines {
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private OutputLines() {
    }

    /** Starts reading {@code in} (UTF-8) on a daemon thread named {@code threadName}. */
    public static OutputLines read(InputStream in, String threadName) {
        OutputLines output = new OutputLines();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.lines.add(line);
                }
            } catch (IOException e) {
                output.lines.add("(output closed: " + e.getMessage() + ")");
            }
        }, threadName);
        reader.setDaemon(true);
        reader.start();
        return output;
    }

    /** The lines so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Whether a line so far matches {@code match}. */
    public boolean anyMatch(Predicate<String> match) {
        return lines.stream().anyMatch(match);
    }

    /** Whether a line so far contains {@code text}. */
    public boolean contains(String text) {
        return anyMatch(l -> l.contains(text));
    }

    /** A matcher that found {@code pattern} in the first line where it occurs, if any line so far has it. */
    public Optional<Matcher> find(Pattern pattern) {
        return lines.stream().map(pattern::matcher).filter(Matcher::find).findFirst();
    }

    /** The lines so far, one text: evidence for assertion messages. */
    public String text() {
        return String.join("\n", lines);
    }
}
