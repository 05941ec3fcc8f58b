package io.sideeye.reliability;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceGroup;
import io.sideeye.service.ServiceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A host program for {@link ShutdownDuringRestartIT}: runs the test server without its stdin
 * watchdog, restarting at once ({@code restartDelay} 0), as one manager ({@code manager}) or as
 * a group of two copies ({@code group}); prints {@code READY} once it runs, then waits for a
 * signal. Nothing here stops the backend: the JVM's own shutdown must.
 *
 * <p>Arguments: mode, runtime folder; the backend's marker comes in {@value #MARKER}, so that
 * the host's own command line never carries it.
 */
final class ShutdownHost {
    /** The environment variable holding the marker. */
    static final String MARKER = "SHUTDOWN_TEST_MARKER";

    private ShutdownHost() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String marker = System.getenv(MARKER);
        Path runtimeDir = Path.of(args[1]);
        boolean started;
        if (mode.equals("group")) {
            ServiceGroup group = ServiceGroup.builder()
                    .service(ServiceSpec.of("web", config(marker, runtimeDir).config()).instances(2)).build();
            started = group.start().get(60, TimeUnit.SECONDS);
        } else {
            DjangoServiceManager m = config(marker, runtimeDir).build();
            started = m.start().get(60, TimeUnit.SECONDS);
        }
        System.out.println(started ? "READY" : "FAILED");
        System.out.flush();
        if (!started) {
            System.exit(1);
        }
        new CountDownLatch(1).await(); // until a signal ends the JVM
    }

    private static io.sideeye.service.ServiceBuilder config(String marker, Path runtimeDir) {
        return TestServer.builder(marker, "--no-stdin-watch").runtimeDir(runtimeDir).restartDelay(Duration.ZERO)
                .maxRestartAttempts(1_000).healthCheckInterval(Duration.ofSeconds(5))
                .shutdownTimeout(Duration.ofSeconds(2)).startupTimeout(Duration.ofSeconds(30));
    }
}
