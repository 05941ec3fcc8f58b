package io.sideeye.service.process;

import io.sideeye.service.LogLine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** A bounded ring of the child's most recent output lines. Thread-safe; adding never blocks for long. */
public final class LogBuffer {
    private int capacity;
    private final ArrayDeque<LogLine> lines;

    public LogBuffer(int capacity) {
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    public synchronized void add(LogLine line) {
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    /** Keeps at most {@code newCapacity} lines from now on, dropping the oldest beyond it. */
    public synchronized void resize(int newCapacity) {
        capacity = newCapacity;
        while (lines.size() > capacity) {
            lines.removeFirst();
        }
    }

    /** All kept lines, oldest first. */
    public synchronized List<LogLine> snapshot() {
        return new ArrayList<>(lines);
    }

    /** The last {@code n} lines of one stream, oldest first. */
    public synchronized List<String> tail(String stream, int n) {
        ArrayDeque<String> out = new ArrayDeque<>(n);
        var it = lines.descendingIterator();
        while (it.hasNext() && out.size() < n) {
            LogLine l = it.next();
            if (l.stream().equals(stream)) {
                out.addFirst(l.line());
            }
        }
        return new ArrayList<>(out);
    }
}
