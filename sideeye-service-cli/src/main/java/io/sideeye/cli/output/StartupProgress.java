package io.sideeye.cli.output;

import io.sideeye.service.ServiceEvent;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The live line shown on a terminal while the backend starts: a spinner, the time elapsed and
 * the startup timeout, e.g. {@code ⠹ starting 1.4s / 30s}. Driven by the service's events:
 * {@code starting} shows it, any other lifecycle event removes it.
 */
public final class StartupProgress implements AutoCloseable {
    private static final String FRAMES = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";

    private final Console console;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService ticker;
    private volatile Duration timeout;
    private ScheduledFuture<?> running;
    private long startedAt;
    private int frame;

    /** @param timeout the startup timeout shown next to the elapsed time */
    public StartupProgress(Console console, Duration timeout) {
        this.console = console;
        this.timeout = timeout;
        this.nanoTime = System::nanoTime;
        this.ticker = console.showsProgress() ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sideeye-progress");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** Updates the timeout shown (after a configuration reload). */
    public void timeout(Duration timeout) {
        this.timeout = timeout;
    }

    /** Feeds an event: {@code starting} shows the line, other lifecycle events remove it. */
    public synchronized void on(ServiceEvent event) {
        if (ticker == null) {
            return;
        }
        if (event instanceof ServiceEvent.Starting) {
            stop();
            startedAt = nanoTime.getAsLong();
            running = ticker.scheduleAtFixedRate(this::tick, 0, 100, TimeUnit.MILLISECONDS);
        } else if (!(event instanceof ServiceEvent.Stdout || event instanceof ServiceEvent.Stderr
                || event instanceof ServiceEvent.Unhealthy || event instanceof ServiceEvent.Info)) {
            stop();
        }
    }

    private synchronized void tick() {
        if (running == null) {
            return;
        }
        double elapsed = (nanoTime.getAsLong() - startedAt) / 1e9;
        frame = (frame + 1) % FRAMES.length();
        console.progress(console.style().cyan(FRAMES.charAt(frame) + " starting") + " "
                + String.format("%.1fs", elapsed) + console.style().dim(" / " + io.sideeye.service.ServiceConfig
                .format(timeout)));
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
        stop();
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }
}
