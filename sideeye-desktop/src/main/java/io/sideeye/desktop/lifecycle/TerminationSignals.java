package io.sideeye.desktop.lifecycle;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SIGTERM and SIGINT into quit requests, so that a terminated app stops its backend
 * gracefully and visibly instead of dying with the JVM's default handler; a second signal is a
 * second quit request, which forces. Where a signal cannot be handled (e.g. on Windows) the
 * JVM's default applies, and the manager's own shutdown hook still stops the backend.
 */
public final class TerminationSignals {
    private static final Logger LOG = LoggerFactory.getLogger(TerminationSignals.class);
    private static final List<String> SIGNALS = List.of("TERM", "INT");

    private TerminationSignals() {
    }

    /**
     * Calls {@code onQuitRequest} (on the signal's thread) for every SIGTERM or SIGINT.
     *
     * @return the names of the signals now handled
     */
    public static List<String> install(Runnable onQuitRequest) {
        List<String> handled = new ArrayList<>();
        for (String name : SIGNALS) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    LOG.info("SIG{} received: quitting", name);
                    onQuitRequest.run();
                });
                handled.add(name);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                LOG.debug("SIG{} cannot be handled here ({}); the JVM's default applies", name, e.getMessage());
            }
        }
        return List.copyOf(handled);
    }
}
