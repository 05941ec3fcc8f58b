package io.sideeye.service.fake;

import io.sideeye.service.net.PortHold;
import io.sideeye.service.net.PortProbe;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
    /** What was done to standby listeners, in order: {@code hold N}, {@code handOver N}, {@code close N}. */
    public final List<String> holds = new CopyOnWriteArrayList<>();
    /** How many waiting connections a hand-over reports. */
    public volatile int waiting;

    @Override
    public boolean isFree(String host, int port) {
        return !busy.contains(port);
    }

    @Override
    public boolean accepts(String host, int port, int timeoutMillis) {
        return accepting.test(port);
    }

    @Override
    public PortHold hold(String host, int port) {
        holds.add("hold " + port);
        return new PortHold() {
            @Override
            public int handOver() {
                holds.add("handOver " + port);
                return waiting;
            }

            @Override
            public void close() {
                holds.add("close " + port);
            }
        };
    }

    @Override
    public int findFree(String host) {
        return next.getAndIncrement();
    }
}
