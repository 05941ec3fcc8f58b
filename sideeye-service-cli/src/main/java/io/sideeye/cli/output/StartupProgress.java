package io.sideeye.cli.output;

import io.sideeye.service.time.DurationText;
import io.sideeye.service.ServiceEvent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The live line shown on a terminal while services start: a spinner, and for each starting
 * service the time elapsed and its startup timeout, e.g. {@code ⠹ starting 1.4s / 30s} or,
 * with several, {@code ⠹ starting web 1.4s / 30s · worker#2 0.3s / 30s}. Driven by the
 * services' events: {@code starting} adds a service, any other lifecycle event removes it.
 */
public final class StartupProgress implements AutoCloseable {
    private static final String FRAMES = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";

    private final Console console;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService ticker;
    private final Map<String, Starting> starting = new LinkedHashMap<>();
    private ScheduledFuture<?> running;
    private int frame;

    /** One service being started: since when, and how long it may take. */
    private record Starting(long since, Duration timeout) {
    }

    /** A progress line on {@code console} (nothing is shown when it is not a terminal). */
    public StartupProgress(Console console) {
        this.console = console;
        this.nanoTime = System::nanoTime;
        this.ticker = console.showsProgress() ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sideeye-progress");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /**
     * Feeds an event: {@code starting} adds the service to the line, other lifecycle events remove it.
     *
     * @param label   the service (and copy) it belongs to, or null when only one service runs
     * @param timeout the service's startup timeout, shown next to the time elapsed
     */
    public synchronized void on(String label, ServiceEvent event, Duration timeout) {
        if (ticker == null) {
            return;
        }
        String key = label == null ? "" : label;
        if (event instanceof ServiceEvent.Starting) {
            starting.put(key, new Starting(nanoTime.getAsLong(), timeout));
            if (running == null) {
                running = ticker.scheduleAtFixedRate(this::tick, 0, 100, TimeUnit.MILLISECONDS);
            }
        } else if (!(event instanceof ServiceEvent.Stdout || event instanceof ServiceEvent.Stderr
                || event instanceof ServiceEvent.Unhealthy || event instanceof ServiceEvent.Info)) {
            if (starting.remove(key) != null && starting.isEmpty()) {
                stop();
            }
        }
    }

    private synchronized void tick() {
        if (running == null) {
            return;
        }
        frame = (frame + 1) % FRAMES.length();
        StringJoiner line = new StringJoiner(console.style().dim(" · "),
                console.style().cyan(FRAMES.charAt(frame) + " starting") + " ", "");
        long now = nanoTime.getAsLong();
        starting.forEach((label, s) -> line.add((label.isEmpty() ? "" : label + " ")
                + String.format("%.1fs", (now - s.since()) / 1e9) + console.style().dim(" / "
                + DurationText.format(s.timeout()))));
        console.progress(line.toString());
    }

    private void stop() {
        if (running != null) {
            running.cancel(false);
            running = null;
            console.clearProgress();
        }
    }

    @Override
    public synchronized void close() {
        starting.clear();
        stop();
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }
}
