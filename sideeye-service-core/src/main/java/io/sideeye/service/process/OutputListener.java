package io.sideeye.service.process;

/** Receives the child's output one line at a time (without the terminator). Must not block. */
@FunctionalInterface
public interface OutputListener {
    /**
     * @param stderr true for a line from standard error, false for standard output
     * @param line   the line's text
     */
    void onLine(boolean stderr, String line);
}
