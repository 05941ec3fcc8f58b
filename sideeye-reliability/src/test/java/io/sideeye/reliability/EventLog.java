package io.sideeye.reliability;

import io.sideeye.service.ServiceEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Records a manager's lifecycle events in order; output lines and health results are only
 * counted, so a stdout flood costs no memory here.
 */
final class EventLog implements Consumer<ServiceEvent> {
    private final List<ServiceEvent> lifecycle = new CopyOnWriteArrayList<>();
    private final AtomicLong outputLines = new AtomicLong();
    private final AtomicLong healthResults = new AtomicLong();

    @Override
    public void accept(ServiceEvent e) {
        switch (e.name()) {
            case "stdout", "stderr" -> outputLines.incrementAndGet();
            case "healthy", "unhealthy" -> healthResults.incrementAndGet();
            default -> lifecycle.add(e);
        }
    }

    /** Lifecycle events so far, in delivery order. */
    List<ServiceEvent> lifecycle() {
        return List.copyOf(lifecycle);
    }

    /** Lifecycle events with {@code name} so far. */
    long count(String name) {
        return lifecycle.stream().filter(e -> e.name().equals(name)).count();
    }

    long outputLines() {
        return outputLines.get();
    }

    long healthResults() {
        return healthResults.get();
    }
}
