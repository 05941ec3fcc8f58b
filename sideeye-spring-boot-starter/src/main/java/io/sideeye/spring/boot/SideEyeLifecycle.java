package io.sideeye.spring.boot;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceStatus;
import org.springframework.context.ApplicationContextException;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the backend with the application context and stops it with the context, in a phase
 * that puts it before the web server on the way up and after it on the way down.
 *
 * <p>Spring starts lifecycle beans in ascending phase order and stops them in descending order.
 * Spring Boot's web server starts in phase {@code SmartLifecycle.DEFAULT_PHASE - 2048}
 * ({@code WebServerStartStopLifecycle}) and drains requests in
 * {@code SmartLifecycle.DEFAULT_PHASE - 1024} ({@code WebServerGracefulShutdownLifecycle}).
 * {@link #DEFAULT_PHASE} is one step below both, so the backend is healthy before the first
 * request can arrive and keeps serving until the last request in flight has been answered.
 */
public class SideEyeLifecycle implements SmartLifecycle {

    /** The default phase: {@code SmartLifecycle.DEFAULT_PHASE - 3072}, below the web server's phases. */
    public static final int DEFAULT_PHASE = SmartLifecycle.DEFAULT_PHASE - 3072;

    private final DjangoServiceManager manager;
    private final SideEyeProperties.Lifecycle settings;
    private volatile boolean running;

    /** Runs {@code manager} as {@code settings} say (auto-startup, phase, fail-on-start-error). */
    public SideEyeLifecycle(DjangoServiceManager manager, SideEyeProperties.Lifecycle settings) {
        this.manager = manager;
        this.settings = settings;
    }

    /**
     * Starts the backend and waits until it is healthy (at most its {@code startup-timeout}).
     *
     * @throws ApplicationContextException when it does not start and {@code fail-on-start-error}
     *         is true (the default): the application then fails to start, with the reason
     */
    @Override
    public void start() {
        boolean started = manager.start().join();
        if (!started && settings.isFailOnStartError()) {
            ServiceStatus status = manager.getStatus();
            throw new ApplicationContextException("The SideEye backend '" + manager.config().name()
                    + "' did not start: " + status.lastError() + " (projectDir "
                    + manager.config().projectDir().toAbsolutePath() + "; set sideeye.lifecycle.fail-on-start-error=false"
                    + " to start the application without it)");
        }
        running = true;
    }

    /** Stops the backend's whole process tree and waits for it (at most its {@code shutdown-timeout} and a grace). */
    @Override
    public void stop() {
        try {
            manager.stop().join();
        } finally {
            running = false;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return settings.isAutoStartup();
    }

    @Override
    public int getPhase() {
        return settings.getPhase();
    }
}
