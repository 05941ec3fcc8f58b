package io.sideeye.service;

import java.time.Instant;

/**
 * How the last process ended.
 *
 * @param timestamp when the exit was observed
 * @param code      the exit code ({@code 128 + n} for a process killed by signal n on Unix)
 * @param signal    the decoded signal name such as {@code SIGKILL}, or null when it exited by itself
 */
public record ExitInfo(Instant timestamp, int code, String signal) {
}
