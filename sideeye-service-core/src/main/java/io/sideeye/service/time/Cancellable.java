package io.sideeye.service.time;

/** A handle to a scheduled task. Cancelling a task that already ran, or twice, is harmless. */
@FunctionalInterface
public interface Cancellable {
    /** A handle that refers to nothing. */
    Cancellable NONE = () -> { };

    /** Prevents the task from running if it has not started yet. */
    void cancel();
}
