package io.sideeye.cli;

import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sideeye.config.ConfigKey;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceEvent;
import io.sideeye.service.ServiceJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TimeZone;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Shortens the time from launch to the backend's spawn: while the main thread reads the
 * command line and the configuration, a second thread initialises what the supervising commands
 * need, in the order they need it: when the command-line parser reads the arguments, the
 * command's annotations (which picocli reads while the main thread initialises picocli itself;
 * an everyday {@code run} is read without the parser and loads none of it), the configuration's
 * keys and the YAML parser, the library's logging and secure random generator (the launch's
 * token), then what events are printed with (the local time zone; the JSON data binding only for
 * {@code --json}, since text output does not need it). Class initialisation is
 * thread-safe: the main thread waits for a class the warm-up is still initialising instead of
 * doing the work twice, so on a machine with a core to spare the warm-up can only save time.
 */
final class Warmup {
    private static final Set<String> SUPERVISING = Set.of("run", "demo", "selftest");

    private Warmup() {
    }

    /**
     * Starts the warm-up when {@code args} name a command that supervises a backend.
     *
     * @param parser whether the command-line parser reads {@code args}
     */
    static void startFor(boolean parser, String... args) {
        if (args.length == 0 || !SUPERVISING.contains(args[0])) {
            return;
        }
        Class<?> command = parser ? FullParser.commandClass(args[0]) : null;
        boolean json = Arrays.asList(args).contains("--json");
        Thread t = new Thread(() -> warm(command, json), "sideeye-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        t.start();
    }

    private static void warm(Class<?> command, boolean json) {
        if (command != null) {
            step(() -> readAnnotations(command));
        }
        step(ConfigKey::values);
        step(DjangoServiceManager::builder);
        step(Warmup::readYaml);
        step(() -> LoggerFactory.getLogger(Warmup.class));
        step(() -> new SecureRandom().nextBytes(new byte[1]));
        if (json) { // text output needs no data binding (~300 ms of CPU to initialise on this path)
            step(() -> ServiceJson.toJson(new ServiceEvent.Starting(Instant.now())));
        }
        step(TimeZone::getDefault);
    }

    /** Only an optimisation: whatever fails here is done (and reported) where it is needed. */
    private static void step(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            // see above
        }
    }

    /**
     * Reads the annotations of the command and its mixins, as picocli is about to: the JDK parses
     * them (making a proxy class per annotation type) once and keeps them with the class.
     */
    private static void readAnnotations(Class<?> type) {
        type.getAnnotations();
        for (Field field : type.getDeclaredFields()) {
            if (field.isAnnotationPresent(CommandLine.Mixin.class)) {
                readAnnotations(field.getType());
            }
        }
    }

    private static void readYaml() {
        try (var parser = new YAMLFactory().createParser("port: 0\n")) {
            while (parser.nextToken() != null) {
                // reading one small document loads and links the parser
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
