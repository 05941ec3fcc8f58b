package io.sideeye.cli.run;

import io.sideeye.config.ResolvedGroup;
import io.sideeye.cli.output.Console;
import io.sideeye.cli.runtime.RuntimeDirectory;
import io.sideeye.cli.runtime.RuntimeInfo;
import io.sideeye.control.ControlServer;
import io.sideeye.control.OnDemandControlServer;
import io.sideeye.service.ServiceGroup;
import java.time.Clock;

/**
 * The control plane of {@code sideeye run}: a {@link ControlServer} of the run's services on 127.0.0.1 (random port
 * and fresh token unless a dashboard port is given) and the runtime file through which
 * {@code sideeye status|stop|...} find it. The token is written only to that file (mode 0600).
 * Without {@code --dashboard} the server starts when the first client connects
 * ({@link OnDemandControlServer}): a run nobody asks anything costs no HTTP server. The runtime
 * file then names the server's own port; the first port keeps being relayed to it.
 */
public final class LocalControlPlane implements ControlPlane {
    private final Console console;
    private final RuntimeDirectory runtimeDir;
    private final Integer dashboardPort;
    private final Clock clock;
    private ControlServer server; // with a dashboard
    private OnDemandControlServer onDemand; // without
    private ResolvedGroup published; // the configuration the runtime file describes
    private Thread cleanupHook;

    /**
     * @param dashboardPort null: no dashboard (random port, URL not shown); 0: dashboard on a random
     *                      port; else the dashboard's port
     */
    public LocalControlPlane(Console console, RuntimeDirectory runtimeDir, Integer dashboardPort, Clock clock) {
        this.console = console;
        this.runtimeDir = runtimeDir;
        this.dashboardPort = dashboardPort;
        this.clock = clock;
    }

    @Override
    public synchronized void publish(ServiceGroup group, ResolvedGroup config) {
        runtimeDir.live(console::note); // clears files of runs that are gone, telling the user
        try {
            if (dashboardPort == null) {
                onDemand = ControlServer.builder().group(group).startOnDemand();
                onDemand.onStart(this::serverStarted);
            } else {
                server = ControlServer.start(group, dashboardPort, null);
            }
        } catch (RuntimeException e) {
            console.warn("the control plane could not be started (" + describe(e) + "); this run cannot be"
                    + " reached by sideeye status/start/stop/..." + (dashboardPort != null ? " and has no dashboard" : ""));
            return;
        }
        published = config;
        writeRuntimeFile(config);
        if (server != null) {
            console.note("dashboard: " + server.dashboardUrl() + "  (open it in a browser: the link signs one tab"
                    + " in, once; 'sideeye dashboard' prints another)");
        } else {
            console.note("control plane on " + onDemand.baseUrl() + " (use sideeye status, stop, logs, ...)");
        }
    }

    /** The first client started the on-demand server: later clients find its own port in the runtime file. */
    private synchronized void serverStarted() {
        if (onDemand != null && published != null) {
            writeRuntimeFile(published);
        }
    }

    @Override
    public synchronized void attach(ServiceGroup group, ResolvedGroup config) {
        if (server != null) {
            server.attach(group);
        } else if (onDemand != null) {
            onDemand.attach(group);
        } else {
            return;
        }
        published = config;
        writeRuntimeFile(config);
    }

    @Override
    public synchronized void close() {
        try {
            if (server != null) {
                server.close();
            }
            if (onDemand != null) {
                onDemand.close();
            }
        } catch (RuntimeException e) {
            console.warn("closing the control server: " + describe(e));
        }
        server = null;
        onDemand = null;
        published = null;
        runtimeDir.delete(ProcessHandle.current().pid());
        if (cleanupHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanupHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs anyway, harmlessly
            }
            cleanupHook = null;
        }
    }

    private void writeRuntimeFile(ResolvedGroup config) {
        long pid = ProcessHandle.current().pid();
        try {
            runtimeDir.write(new RuntimeInfo(pid, RuntimeDirectory.processStart(pid),
                    server != null ? server.port() : onDemand.port(), server != null ? server.token() : onDemand.token(),
                    clock.instant(), config.file() == null ? null : config.file().toAbsolutePath().toString(),
                    config.service(null).config().projectDir().toAbsolutePath().normalize().toString()));
        } catch (RuntimeException e) {
            console.warn(e.getMessage() + "; sideeye status/stop/... will not find this run");
            return;
        }
        if (cleanupHook == null) {
            cleanupHook = new Thread(() -> runtimeDir.delete(pid), "sideeye-runtime-file");
            Runtime.getRuntime().addShutdownHook(cleanupHook);
        }
    }

    private static String describe(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
