package io.sideeye.desktop.model;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The seed's quit rule made explicit: the first quit request (last window closed, Ctrl-Q,
 * SIGTERM) stops the backend gracefully and then exits; a second request while that is under
 * way forces it (the backend is killed at once, then the app exits); later requests change
 * nothing. Thread-safe, since requests come from the UI thread and from signal handlers.
 */
public final class QuitSequence {

    /** What a quit request must do. */
    public enum Step {
        /** Show the stopping state, stop the backend gracefully, then exit. */
        STOP_GRACEFULLY,
        /** Kill the backend's process tree now, then exit. */
        FORCE,
        /** A quit is already being forced: nothing more to do. */
        ALREADY_FORCING
    }

    private final AtomicInteger requests = new AtomicInteger();

    /** Registers one quit request and says what it must do. */
    public Step request() {
        int n = requests.incrementAndGet();
        return n == 1 ? Step.STOP_GRACEFULLY : n == 2 ? Step.FORCE : Step.ALREADY_FORCING;
    }

    /** Whether a quit was requested. */
    public boolean requested() {
        return requests.get() > 0;
    }
}
