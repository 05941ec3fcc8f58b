package io.sideeye.desktop;

import io.sideeye.desktop.config.ConfigSource;
import io.sideeye.desktop.install.BackendLogFile;
import io.sideeye.desktop.install.Installation;
import io.sideeye.desktop.model.EarlyEvents;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.Subscription;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The backend started while JavaFX starts, so that the window and the backend are ready at about
 * the same time rather than one after the other: loads the configuration (with the installed
 * app's Python check), creates the manager, keeps its events for the window, and starts it.
 *
 * @param manager      the started manager
 * @param events       its events until the window takes them
 * @param subscription the subscription of {@code events}
 */
record EarlyStart(DjangoServiceManager manager, EarlyEvents events, Subscription subscription) {

    /** Begins in the background; {@link #await} gives the result or the configuration's error. */
    static CompletableFuture<EarlyStart> begin(ConfigSource source, Installation installation) {
        return CompletableFuture.supplyAsync(() -> {
            DjangoServiceManager manager = DjangoServiceManager.create(source.load());
            EarlyEvents events = new EarlyEvents();
            Subscription subscription = manager.onAny(events);
            if (installation != null) {
                try {
                    manager.onAny(BackendLogFile.open(installation.logsDir()));
                } catch (IOException e) {
                    System.err.println("sideeye-desktop: cannot open a log file in " + installation.logsDir() + " ("
                            + e.getMessage() + "); the log stays in the window only");
                }
            }
            manager.start();
            return new EarlyStart(manager, events, subscription);
        });
    }

    /** The early start, or the exception {@link ConfigSource#load()} threw. */
    static EarlyStart await(CompletableFuture<EarlyStart> start) {
        try {
            return start.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
