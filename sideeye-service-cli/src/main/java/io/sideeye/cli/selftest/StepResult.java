package io.sideeye.cli.selftest;

/**
 * One step of the self-test.
 *
 * @param step   what was done, e.g. {@code start}
 * @param ok     whether it did what it should
 * @param millis how long it took
 * @param data   what was seen (state, pid, HTTP status, ...) or why it failed
 */
public record StepResult(String step, boolean ok, long millis, String data) {
}
