package io.sideeye.cli;

import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sideeye.service.ServiceEvent;
import io.sideeye.service.ServiceJson;
import java.io.IOException;
import java.time.Instant;
import java.util.Set;

/**
 * Shortens the time from launch to the backend's spawn: while the main thread parses the
 * command line (mostly reflection, single-threaded), a second thread initialises what the
 * supervising commands need next, in the order they need it: the YAML parser and the JSON
 * mapper events are printed with. Class
 * initialisation is thread-safe: the main thread waits for a class the warm-up is still
 * initialising instead of doing the work twice, so the warm-up can only save time.
 */
final class Warmup {
    private static final Set<String> SUPERVISING = Set.of("run", "demo", "selftest");

    private Warmup() {
    }

    /** Starts the warm-up when {@code args} name a command that supervises a backend. */
    static void startFor(String... args) {
        if (args.length == 0 || !SUPERVISING.contains(args[0])) {
            return;
        }
        Thread t = new Thread(Warmup::warm, "sideeye-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        t.start();
    }

    private static void warm() {
        try (var parser = new YAMLFactory().createParser("port: 0\n")) {
            while (parser.nextToken() != null) {
                // reading one small document loads and links the parser
            }
            ServiceJson.toJson(new ServiceEvent.Starting(Instant.now()));
        } catch (IOException | RuntimeException e) {
            // only an optimisation: whatever failed here is done (and reported) where it is needed
        }
    }
}
