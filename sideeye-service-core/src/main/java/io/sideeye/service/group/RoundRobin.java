package io.sideeye.service.group;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Hands out candidates in turn; safe for concurrent callers. */
public final class RoundRobin {
    private final AtomicInteger turn = new AtomicInteger();

    /**
     * The next of {@code candidates} (the ones eligible now, in a fixed order). Successive calls
     * with the same candidates cycle through all of them.
     *
     * @throws IllegalArgumentException when there is no candidate
     */
    public <T> T next(List<T> candidates) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no candidate to choose from");
        }
        return candidates.get(Math.floorMod(turn.getAndIncrement(), candidates.size()));
    }
}
