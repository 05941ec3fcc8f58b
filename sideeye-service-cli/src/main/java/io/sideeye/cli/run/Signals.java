package io.sideeye.cli.run;

import java.util.List;
import java.util.function.Consumer;

/** Delivers requests to terminate (Ctrl-C, SIGTERM, SIGHUP) to a handler instead of ending the JVM at once. */
public interface Signals {

    /**
     * Routes the termination signals to {@code handler}, which receives the signal's name
     * ({@code SIGINT}, ...). Replaces a handler set before.
     */
    void onTerminate(Consumer<String> handler);

    /** The operating system's signals (where the JVM supports handling them). */
    static Signals system() {
        return handler -> {
            for (String name : List.of("INT", "TERM", "HUP")) {
                try {
                    sun.misc.Signal.handle(new sun.misc.Signal(name), s -> handler.accept("SIG" + s.getName()));
                } catch (IllegalArgumentException e) {
                    // this platform has no such signal (e.g. HUP on Windows), or the JVM reserves it
                }
            }
        };
    }
}
