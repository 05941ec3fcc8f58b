package io.sideeye.cli.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Watches one configuration file and calls back when its content changed. Editors save in
 * bursts (truncate + write, or write a temporary file and rename it over the original), so
 * events are coalesced for a short quiet period and a save that leaves the bytes unchanged is
 * ignored.
 */
public final class ConfigWatcher implements AutoCloseable {
    private static final long QUIET_MS = 150;

    /** Creates watchers; {@code run --watch} uses {@link ConfigWatcher#watch}. */
    @FunctionalInterface
    public interface Factory {
        /** Starts watching {@code file}; {@code onChange} runs on the watcher's own thread. */
        ConfigWatcher watch(Path file, Runnable onChange);
    }

    private final Path file;
    private final Runnable onChange;
    private final WatchService service;
    private final ScheduledExecutorService debounce;
    private final Thread thread;
    private ScheduledFuture<?> pending;
    private byte[] lastContent;

    private ConfigWatcher(Path file, Runnable onChange) throws IOException {
        this.file = file.toAbsolutePath().normalize();
        this.onChange = onChange;
        this.lastContent = read();
        this.service = this.file.getFileSystem().newWatchService();
        this.file.getParent().register(service, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        this.debounce = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "sideeye-config-reload"));
        this.thread = daemon(this::loop, "sideeye-config-watch");
        thread.start();
    }

    /** Starts watching {@code file}. */
    public static ConfigWatcher watch(Path file, Runnable onChange) {
        try {
            return new ConfigWatcher(file, onChange);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + file + ": " + e.getMessage(), e);
        }
    }

    private void loop() {
        try {
            while (true) {
                WatchKey key = service.take();
                boolean ours = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    Object name = event.context();
                    ours |= event.kind() == StandardWatchEventKinds.OVERFLOW
                            || (name instanceof Path p && p.equals(file.getFileName()));
                }
                key.reset();
                if (ours) {
                    schedule();
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed: done
        }
    }

    private synchronized void schedule() {
        if (pending != null) {
            pending.cancel(false);
        }
        pending = debounce.schedule(this::fireIfChanged, QUIET_MS, TimeUnit.MILLISECONDS);
    }

    private void fireIfChanged() {
        byte[] now = read();
        if (now != null && Arrays.equals(now, lastContent)) {
            return;
        }
        lastContent = now;
        onChange.run();
    }

    private byte[] read() {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return null; // missing or unreadable: the reload reports it
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            // nothing to release beyond this
        }
        debounce.shutdownNow();
        thread.interrupt();
    }
}
