package io.sideeye.cli.run;

import io.sideeye.cli.CliContext;
import io.sideeye.cli.ExitCodes;
import io.sideeye.cli.config.ConfigDiff;
import io.sideeye.cli.config.ConfigException;
import io.sideeye.cli.config.ConfigKey;
import io.sideeye.cli.config.ResolvedConfig;
import io.sideeye.cli.output.Console;
import io.sideeye.cli.output.StartupProgress;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceConfig;
import io.sideeye.service.ServiceEvent;
import io.sideeye.service.ServiceState;
import io.sideeye.service.Subscription;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The foreground supervision behind {@code sideeye run} and {@code sideeye demo}: starts the
 * manager, prints its events, publishes the control plane, applies configuration changes, and
 * ends on Ctrl-C/SIGTERM (graceful stop, exit 0), on FAILED (exit 1) or when the first start
 * fails for good (exit 1). A second Ctrl-C kills the backend's process tree (exit 130).
 */
public final class Supervision {
    private static final int STOP_REQUESTED = Integer.MIN_VALUE;

    private final CliContext ctx;
    private final Console console;
    private final ControlPlane controlPlane;
    private final Function<ServiceConfig, DjangoServiceManager> managers;
    private final CompletableFuture<Integer> outcome = new CompletableFuture<>();
    private final CompletableFuture<Void> forced = new CompletableFuture<>();
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private volatile boolean stopUnderway;
    private final Object lock = new Object();
    private StartupProgress progress;
    private volatile DjangoServiceManager manager;
    private Subscription subscription;
    private ResolvedConfig current;
    private boolean shuttingDown;

    /**
     * @param controlPlane publishes the control server (and runtime file) for the manager
     * @param managers     creates a manager for a configuration ({@link DjangoServiceManager#create} in production)
     */
    public Supervision(CliContext ctx, Console console, ControlPlane controlPlane,
                       Function<ServiceConfig, DjangoServiceManager> managers) {
        this.ctx = ctx;
        this.console = console;
        this.controlPlane = controlPlane;
        this.managers = managers;
    }

    /**
     * Supervises until the end and returns the exit code.
     *
     * @param config  the configuration to start with
     * @param watcher watches the configuration file ({@code run --watch}), or null
     * @param reload  resolves the configuration again after the file changed
     */
    public int run(ResolvedConfig config, ConfigWatcher.Factory watcher, Supplier<ResolvedConfig> reload) {
        progress = new StartupProgress(console, config.config().startupTimeout());
        synchronized (lock) {
            current = config;
            launch(config.config()); // first: everything below overlaps with the backend's own start
        }
        ctx.signals().onTerminate(this::terminate);
        console.note("configuration: " + (config.file() == null ? "defaults (no sideeye.yaml)" : config.file())
                + (config.profile() == null ? "" : ", profile " + config.profile()) + (watcher != null
                ? ", watching for changes" : ""));
        controlPlane.publish(manager, config);
        try (ConfigWatcher ignored = watcher == null ? null : watcher.watch(config.file(), () -> reload(reload))) {
            int code = outcome.join();
            if (code == STOP_REQUESTED) {
                code = stopGracefully();
            }
            return code;
        } finally {
            cleanup();
        }
    }

    /**
     * Handles Ctrl-C / SIGTERM: the first asks for a graceful stop; another one once that stop is
     * underway (its {@code stopping} event was printed) forces it. Copies of the first signal
     * that arrive before (a tool signalling both the process and its group) change nothing.
     */
    void terminate(String signal) {
        if (stopRequested.compareAndSet(false, true)) {
            console.note(signal + " received: stopping the backend gracefully (press Ctrl-C again to force)");
            outcome.complete(STOP_REQUESTED);
        } else if (stopUnderway && !forced.isDone()) {
            console.note(signal + " received again: killing the backend's process tree");
            DjangoServiceManager m = manager;
            Long pid = m == null ? null : m.getStatus().pid();
            if (pid != null) {
                ProcessHandle.of(pid).ifPresent(h -> {
                    h.descendants().forEach(ProcessHandle::destroyForcibly);
                    h.destroyForcibly();
                });
            }
            forced.complete(null);
        }
    }

    private void launch(ServiceConfig config) {
        DjangoServiceManager m = managers.apply(config);
        progress.timeout(config.startupTimeout());
        subscription = m.onAny(e -> onEvent(m, e));
        manager = m;
        m.start().whenComplete((ok, failure) -> afterStart(m, ok, failure));
    }

    private void onEvent(DjangoServiceManager m, ServiceEvent event) {
        progress.on(event);
        console.event(event);
        if (stopRequested.get() && (event instanceof ServiceEvent.Stopping || event instanceof ServiceEvent.Stopped)) {
            stopUnderway = true;
        }
        if (m != manager) {
            return; // a replaced manager's last words
        }
        if (event instanceof ServiceEvent.Started) {
            console.note("backend ready at " + m.getStatus().url() + " (health " + m.config().healthPath() + ")");
        }
        boolean mayEndFailed = event instanceof ServiceEvent.Error || event instanceof ServiceEvent.ProcessExit
                || event instanceof ServiceEvent.Stopped; // output and health lines never do: skip the snapshot
        if (mayEndFailed && m.getStatus().state() == ServiceState.FAILED && !stopRequested.get()) {
            console.error("the backend FAILED: restart attempts are exhausted (" + m.config().maxRestartAttempts()
                    + " allowed); see the errors above");
            outcome.complete(ExitCodes.FAILED);
        }
    }

    private void afterStart(DjangoServiceManager m, Boolean ok, Throwable failure) {
        if (m != manager || stopRequested.get() || Boolean.TRUE.equals(ok)) {
            return;
        }
        ServiceState state = m.getStatus().state();
        if (failure != null) {
            console.error("the backend could not be started: " + rootMessage(failure));
            outcome.complete(ExitCodes.FAILED);
        } else if (state == ServiceState.STOPPED || state == ServiceState.FAILED) {
            console.error("the backend did not start" + (m.getStatus().lastError() == null ? ""
                    : ": " + m.getStatus().lastError()));
            outcome.complete(ExitCodes.FAILED);
        }
    }

    private void reload(Supplier<ResolvedConfig> reload) {
        synchronized (lock) {
            if (shuttingDown || outcome.isDone()) {
                return;
            }
            ResolvedConfig next;
            try {
                next = reload.get();
            } catch (ConfigException e) {
                console.error("configuration change rejected, the current configuration stays in force: "
                        + e.getMessage());
                return;
            }
            next.warnings().forEach(console::warn);
            ConfigDiff diff = ConfigDiff.between(current.config(), next.config());
            if (diff.isEmpty()) {
                console.note("configuration file changed; no setting changed");
                return;
            }
            console.note("configuration reloaded: " + diff.describe());
            if (!diff.needsBackendRestart() && applyLive(next)) {
                return;
            }
            console.note("restarting the backend for the new " + String.join(", ", diff.restartKeys().stream()
                    .map(ConfigKey::key).toList()));
            replace(next);
        }
    }

    /** Monitoring, policy and API settings go to the running manager; the backend keeps running. */
    private boolean applyLive(ResolvedConfig next) {
        try {
            manager.reconfigure(next.config()).get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            console.warn("the new settings could not be applied live (" + rootMessage(e) + "); restarting instead");
            return false;
        }
        current = next;
        controlPlane.attach(manager, next);
        console.note("applied live: the backend keeps running");
        return true;
    }

    private void replace(ResolvedConfig next) {
        DjangoServiceManager old = manager;
        awaitQuietly(old.stop(), old.config().shutdownTimeout().plusSeconds(5));
        old.close();
        subscription.close();
        current = next;
        launch(next.config());
        controlPlane.attach(manager, next);
    }

    private int stopGracefully() {
        DjangoServiceManager m;
        synchronized (lock) {
            shuttingDown = true;
            m = manager;
        }
        CompletableFuture<Boolean> stopped = m.stop();
        try {
            CompletableFuture.anyOf(stopped, forced).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            console.error("stopping the backend failed: " + rootMessage(e));
            return ExitCodes.FAILED;
        }
        if (forced.isDone()) {
            return ExitCodes.FORCED;
        }
        return Boolean.TRUE.equals(stopped.getNow(false)) ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private void cleanup() {
        synchronized (lock) {
            shuttingDown = true;
        }
        controlPlane.close();
        DjangoServiceManager m = manager;
        if (m != null) {
            m.close();
        }
        if (subscription != null) {
            subscription.close();
        }
        progress.close();
    }

    private static void awaitQuietly(CompletableFuture<?> future, Duration limit) {
        try {
            future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // close() below kills whatever is left
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
