package io.sideeye.cli.run;

import io.sideeye.cli.CliContext;
import io.sideeye.cli.ExitCodes;
import io.sideeye.config.ResolvedGroup;
import io.sideeye.cli.output.Console;
import io.sideeye.cli.output.StartupProgress;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.GroupEvent;
import io.sideeye.service.HealthMode;
import io.sideeye.service.ServiceConfig;
import io.sideeye.service.ServiceEvent;
import io.sideeye.service.ServiceGroup;
import io.sideeye.service.ServiceState;
import io.sideeye.service.ServiceStatus;
import io.sideeye.service.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The foreground supervision behind {@code sideeye run} and {@code sideeye demo}: starts every
 * service of the configuration in dependency order, prints their events, publishes the control
 * plane, applies configuration changes ({@link GroupReload}), and ends on Ctrl-C/SIGTERM
 * (graceful stop in reverse order, exit 0), when a service ends FAILED (exit 1) or when the
 * first start fails for good (exit 1). A second Ctrl-C kills every process tree (exit 130).
 */
public final class Supervision {
    private static final int STOP_REQUESTED = Integer.MIN_VALUE;

    private final CliContext ctx;
    private final Console console;
    private final ControlPlane controlPlane;
    private final Function<ResolvedGroup, ServiceGroup> groups;
    private final CompletableFuture<Integer> outcome = new CompletableFuture<>();
    private final CompletableFuture<Void> forced = new CompletableFuture<>();
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private volatile boolean stopUnderway;
    private final Object lock = new Object();
    private StartupProgress progress;
    private volatile ServiceGroup group;
    private volatile EventLabels labels;
    private Subscription subscription;
    private ResolvedGroup current;
    private boolean shuttingDown;
    private final SystemdNotify systemd;

    /**
     * @param controlPlane publishes the control server (and runtime file) for the group
     * @param groups       creates the group of a configuration ({@link ResolvedGroup#toGroup()} in production);
     *                     may throw {@link io.sideeye.config.ConfigException} for a group that cannot be
     */
    public Supervision(CliContext ctx, Console console, ControlPlane controlPlane,
                       Function<ResolvedGroup, ServiceGroup> groups) {
        this.ctx = ctx;
        this.console = console;
        this.controlPlane = controlPlane;
        this.groups = groups;
        this.systemd = SystemdNotify.from(ctx.env(), console::warn); // off (and idle) unless NOTIFY_SOCKET is set
    }

    /**
     * Supervises until the end and returns the exit code.
     *
     * @param config  the configuration to start with
     * @param watcher watches the configuration file ({@code run --watch}), or null
     * @param reload  resolves the configuration again after the file changed
     */
    public int run(ResolvedGroup config, ConfigWatcher.Factory watcher, Supplier<ResolvedGroup> reload) {
        ServiceGroup first = groups.apply(config); // a group that cannot be is bad configuration: nothing started
        progress = new StartupProgress(console);
        GroupReload reloader = new GroupReload(console, config, groups, new GroupReload.Target() {
            @Override public ServiceGroup current() {
                return group;
            }
            @Override public void replace(ServiceGroup next, ResolvedGroup nextConfig) {
                replaceGroup(next, nextConfig);
            }
            @Override public void replacing(ResolvedGroup nextConfig) {
                relabel(labels.widest(EventLabels.of(nextConfig.services())));
            }
            @Override public void replaced(ServiceGroup g, ResolvedGroup nextConfig) {
                if (g == group) {
                    relabel(EventLabels.of(g));
                    controlPlane.attach(g, nextConfig); // streams learn the new instances; the runtime file follows
                }
            }
        });
        synchronized (lock) {
            current = config;
            launch(first); // first: everything below overlaps with the services' own start
        }
        ctx.signals().onTerminate(this::terminate);
        systemd.startWatchdog();
        ConfigWatcher watching = null;
        try {
            // watch before saying so: a change made right after "watching for changes" is seen
            watching = watcher == null ? null : watcher.watch(config.file(), () -> {
                synchronized (lock) {
                    if (!shuttingDown && !outcome.isDone()) {
                        reloader.reload(reload);
                    }
                }
            });
            console.note("configuration: " + (config.file() == null ? "defaults (no sideeye.yaml)" : config.file())
                    + (config.profile() == null ? "" : ", profile " + config.profile())
                    + (config.declared() ? ", services " + describe(first) : "")
                    + (watching != null ? ", watching for changes" : ""));
            synchronized (lock) {
                controlPlane.publish(group, current); // the group in force, should a change have replaced it
            }
            int code = outcome.join();
            if (code == STOP_REQUESTED) {
                code = stopGracefully();
            }
            return code;
        } finally {
            if (watching != null) {
                watching.close();
            }
            cleanup();
        }
    }

    /**
     * Handles Ctrl-C / SIGTERM: the first asks for a graceful stop; another one once that stop is
     * underway (its {@code stopping} event was printed) forces it. Copies of the first signal
     * that arrive before (a tool signalling both the process and its group) change nothing.
     */
    void terminate(String signal) {
        boolean one = !labels.shown();
        if (stopRequested.compareAndSet(false, true)) {
            console.note(signal + " received: stopping " + (one ? "the backend gracefully"
                    : "every service gracefully, in reverse start order") + " (press Ctrl-C again to force)");
            outcome.complete(STOP_REQUESTED);
        } else if (stopUnderway && !forced.isDone()) {
            console.note(signal + " received again: killing " + (one ? "the backend's process tree"
                    : "every service's process tree"));
            ServiceGroup g = group;
            g.names().forEach(name -> g.instances(name).forEach(Supervision::killTree));
            forced.complete(null);
        }
    }

    private static void killTree(DjangoServiceManager m) {
        Long pid = m.getStatus().pid();
        if (pid != null) {
            ProcessHandle.of(pid).ifPresent(h -> {
                h.descendants().forEach(ProcessHandle::destroyForcibly);
                h.destroyForcibly();
            });
        }
    }

    private void launch(ServiceGroup g) {
        relabel(EventLabels.of(g));
        subscription = g.onAny(e -> onEvent(g, e));
        group = g;
        g.start().whenComplete((ok, failure) -> afterStart(g, ok, failure));
    }

    /** Labels lines with {@code l} from now on (a replaced service may have another number of copies). */
    private void relabel(EventLabels l) {
        labels = l;
        console.labelWidth(l.width());
    }

    private void onEvent(ServiceGroup g, GroupEvent e) {
        EventLabels l = labels;
        ServiceEvent event = e.event();
        String label = l.label(e.service(), e.instance());
        if (!(event instanceof ServiceEvent.Stdout || event instanceof ServiceEvent.Stderr)) {
            progress.on(label, event, g.spec(e.service()).config().startupTimeout());
        }
        console.event(e, label);
        if (stopRequested.get() && (event instanceof ServiceEvent.Stopping || event instanceof ServiceEvent.Stopped)) {
            stopUnderway = true;
        }
        if (g != group) {
            return; // a replaced group's last words
        }
        List<DjangoServiceManager> instances = g.instances(e.service());
        if (e.instance() > instances.size()) {
            return; // the last words of a copy that a replacement of its service retired
        }
        DjangoServiceManager m = instances.get(e.instance() - 1);
        if (event instanceof ServiceEvent.Started started) {
            ServiceConfig c = m.config();
            String who = label == null ? "backend" : label;
            console.note(c.healthMode() == HealthMode.PROCESS ? who + " running (pid " + started.pid()
                    + "; health: process, alive is healthy)" : who + " ready at " + m.getStatus().url()
                    + (c.healthMode() == HealthMode.TCP ? " (health: tcp, the port accepts connections)"
                    : " (health " + c.healthPath() + ")"));
        }
        boolean mayEndFailed = event instanceof ServiceEvent.Error || event instanceof ServiceEvent.ProcessExit
                || event instanceof ServiceEvent.Stopped; // output and health lines never do: skip the snapshot
        if (mayEndFailed && m.getStatus().state() == ServiceState.FAILED && !stopRequested.get()) {
            console.error(l.who(e.service(), e.instance()) + " FAILED: restart attempts are exhausted ("
                    + m.config().maxRestartAttempts() + " allowed); see the errors above");
            outcome.complete(ExitCodes.FAILED);
        }
    }

    private void afterStart(ServiceGroup g, Boolean ok, Throwable failure) {
        if (g != group || stopRequested.get()) {
            return;
        }
        if (Boolean.TRUE.equals(ok)) {
            systemd.ready((labels.shown() ? "services " + describe(g) : "backend") + " healthy");
            return;
        }
        if (failure != null) {
            console.error((labels.shown() ? "the services" : "the backend") + " could not be started: "
                    + GroupReload.rootMessage(failure));
            outcome.complete(ExitCodes.FAILED);
            return;
        }
        List<String> down = new ArrayList<>();
        g.status().forEach((name, statuses) -> {
            for (int i = 0; i < statuses.size(); i++) {
                ServiceStatus s = statuses.get(i);
                if (s.state() == ServiceState.STOPPED || s.state() == ServiceState.FAILED) {
                    String label = labels.label(name, i + 1);
                    down.add((label == null ? "" : label + ": ") + (s.lastError() == null ? "not started" : s.lastError()));
                }
            }
        });
        if (!down.isEmpty()) { // else still trying (BACKOFF): a FAILED end is reported by onEvent
            console.error((labels.shown() ? "not every service started: " : "the backend did not start: ")
                    + String.join("; ", down));
            outcome.complete(ExitCodes.FAILED);
        }
    }

    private void replaceGroup(ServiceGroup next, ResolvedGroup config) {
        ServiceGroup old = group;
        GroupReload.awaitQuietly(old.stop(), GroupReload.longestShutdown(old).plusSeconds(5));
        old.close();
        subscription.close();
        current = config;
        launch(next);
        controlPlane.attach(next, config);
    }

    private int stopGracefully() {
        ServiceGroup g;
        synchronized (lock) {
            shuttingDown = true;
            g = group;
        }
        systemd.stopping();
        CompletableFuture<Boolean> stopped = g.stop();
        try {
            CompletableFuture.anyOf(stopped, forced).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            console.error("stopping failed: " + GroupReload.rootMessage(e));
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
        systemd.stopping();
        systemd.close();
        controlPlane.close();
        ServiceGroup g = group;
        if (g != null) {
            g.close();
        }
        if (subscription != null) {
            subscription.close();
        }
        progress.close();
    }

    /** {@code web, worker (2 copies)}. */
    private static String describe(ServiceGroup g) {
        StringJoiner names = new StringJoiner(", ");
        for (String n : g.names()) {
            int copies = g.spec(n).instances();
            names.add(copies > 1 ? n + " (" + copies + " copies)" : n);
        }
        return names.toString();
    }
}
