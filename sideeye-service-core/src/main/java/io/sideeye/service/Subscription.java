package io.sideeye.service;

/** A registered listener; {@link #close()} removes it. Closing twice is harmless. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    /** Stops delivering events to the listener. */
    @Override
    void close();
}
