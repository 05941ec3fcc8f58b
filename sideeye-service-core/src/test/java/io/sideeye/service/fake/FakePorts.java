package io.sideeye.service.fake;

import io.sideeye.service.net.PortProbe;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/** Ports as the test declares them: all free except {@link #busy}; free ones are handed out from 41000. */
public final class FakePorts implements PortProbe {
    public final Set<Integer> busy = ConcurrentHashMap.newKeySet();
    private final AtomicInteger next = new AtomicInteger(41000);
    /** Which ports accept a connection (a TCP health check); none unless the test says so. */
    public volatile IntPredicate accepting = port -> false;

    @Override
    public boolean isFree(String host, int port) {
        return !busy.contains(port);
    }

    @Override
    public boolean accepts(String host, int port, int timeoutMillis) {
        return accepting.test(port);
    }

    @Override
    public int findFree(String host) {
        return next.getAndIncrement();
    }
}
