package io.sideeye.service;

import java.time.Instant;

/**
 * One line of the child's output, as kept in {@link DjangoServiceManager#recentLogs()}.
 *
 * @param timestamp when the line was read
 * @param stream    {@code stdout} or {@code stderr}
 * @param line      the text without its line terminator
 */
public record LogLine(Instant timestamp, String stream, String line) {
}
