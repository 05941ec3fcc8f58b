package io.sideeye.desktop.model;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The log console's lines, bounded: appending beyond {@link #capacity()} drops the oldest
 * lines. It works on any {@link List} it is given, so the window hands it the observable list
 * its view shows, and tests an ordinary one; the bounding rule lives only here.
 */
public final class BoundedLog {
    /** The default number of lines kept. */
    public static final int DEFAULT_CAPACITY = 5_000;

    private final List<LogEntry> lines;
    private final int capacity;
    private long dropped;

    /**
     * A log over {@code lines} (initially emptied) keeping at most {@code capacity} lines.
     *
     * @throws IllegalArgumentException when {@code capacity} is below 1
     */
    public BoundedLog(List<LogEntry> lines, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " is out of range; use 1 or more lines");
        }
        this.lines = lines;
        this.capacity = capacity;
        lines.clear();
    }

    /** Appends {@code entries} in order, then drops the oldest lines above the capacity in one step. */
    public void append(Collection<LogEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        if (entries.size() >= capacity) {
            List<LogEntry> tail = List.copyOf(entries).subList(entries.size() - capacity, entries.size());
            dropped += lines.size() + entries.size() - capacity;
            lines.clear();
            lines.addAll(tail);
            return;
        }
        int excess = lines.size() + entries.size() - capacity;
        if (excess > 0) {
            lines.subList(0, excess).clear();
            dropped += excess;
        }
        lines.addAll(entries);
    }

    /** Removes every line. */
    public void clear() {
        lines.clear();
        dropped = 0;
    }

    /** The lines kept, oldest first (the list given to the constructor). */
    public List<LogEntry> lines() {
        return lines;
    }

    /** The most lines kept. */
    public int capacity() {
        return capacity;
    }

    /** How many lines were dropped to stay within the capacity since the last {@link #clear()}. */
    public long dropped() {
        return dropped;
    }

    /** Every line as text, one per line, for the clipboard. */
    public String toText() {
        return lines.stream().map(LogEntry::toText).collect(Collectors.joining(System.lineSeparator()));
    }
}
