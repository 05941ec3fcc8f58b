package io.sideeye.service;

import io.sideeye.service.async.Causes;
import io.sideeye.service.process.CommandRequest;
import io.sideeye.service.process.CommandResolutionException;
import io.sideeye.service.process.LaunchSpec;
import io.sideeye.service.process.OutputListener;
import io.sideeye.service.net.PortHold;
import io.sideeye.service.process.PortSharing;
import io.sideeye.service.process.ResolvedCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Everything between "start" and a spawned process: clearing a stale backend of ours, choosing
 * and checking the port, resolving the command and composing the child's environment.
 */
final class Launcher {

    /**
     * The port and argv a launch will use, and the private port of a new generation started beside
     * the old one (0 for none).
     */
    record Prepared(int port, ResolvedCommand command, int privatePort) {
    }

    /** A start that cannot proceed; the message is the user's whole explanation. */
    static final class LaunchException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LaunchException(String message) {
            super(message);
        }
    }

    private final ServiceConfig config;
    private final Seams seams;
    private final OutputListener output;
    private final String recordKey;
    /** How the last resolved command shares its port, or null before the first; see {@link #sharing()}. */
    private volatile PortSharing sharing;
    /** A crashed backend's shared port, held by a standby listener until the next backend serves it; 0 for none. */
    private volatile int heldPort;
    private volatile PortHold hold = PortHold.NONE;

    Launcher(ServiceConfig config, Seams seams, OutputListener output) {
        this.config = config;
        this.seams = seams;
        this.output = output;
        this.recordKey = recordKey(config);
    }

    /**
     * Prepares a launch off the supervisor thread. With port 0 the previous port is reused when
     * still free, so the backend's URL stays the same across restarts.
     */
    CompletableFuture<Prepared> prepare(int previousPort) {
        return CompletableFuture.supplyAsync(() -> {
            seams.runtimeRecords().stopStale(recordKey);
            int port = choosePort(previousPort);
            // replacing a crashed backend whose port a standby holds: the new one is checked on a
            // private port, since the shared one may be answered by the standby's backlog
            int privatePort = port == heldPort ? freePrivatePort() : 0;
            return new Prepared(port, resolve(port, privatePort), privatePort);
        }, seams.blocking());
    }

    /**
     * Prepares a new generation to start beside the running one on its {@code port}, off the
     * supervisor thread: the port is in use (by the running generation, which must not be taken for
     * a stale backend), and the new generation gets a free loopback port of its own for its health
     * checks.
     */
    CompletableFuture<Prepared> prepareBeside(int port) {
        return CompletableFuture.supplyAsync(() -> {
            int privatePort = freePrivatePort();
            return new Prepared(port, resolve(port, privatePort), privatePort);
        }, seams.blocking());
    }

    private int freePrivatePort() {
        try {
            return seams.ports().findFree("127.0.0.1");
        } catch (IOException e) {
            throw new LaunchException("No free port could be found on 127.0.0.1 for the new generation's health"
                    + " checks: " + e.getMessage());
        }
    }

    /**
     * A backend that served {@code port} ended unexpectedly: where its server shares the port, a
     * standby listener holds it, so that connections wait in its backlog until the next backend
     * serves the port ({@link #releasePort()}) instead of being refused.
     */
    void holdPort(int port) {
        holdPort(port, () -> true);
    }

    /**
     * {@link #holdPort(int)} if {@code stillWanted}, asked under the same lock as {@link #releasePort()}:
     * a hold asked for from another thread is never opened after the next backend took the port over.
     */
    synchronized void holdPort(int port, java.util.function.BooleanSupplier stillWanted) {
        PortSharing s = sharing();
        if (heldPort == 0 && port > 0 && stillWanted.getAsBoolean() && s != null && s.supported() && config.zeroDowntimeRestart()) {
            PortHold h = seams.ports().hold(config.connectHost(), port);
            if (h != PortHold.NONE) {
                hold = h;
                heldPort = port;
            }
        }
    }

    /** The next backend serves the held port: the waiting connections go to it. Returns how many. */
    int releasePort() {
        PortHold h;
        synchronized (this) {
            h = hold;
            hold = PortHold.NONE;
            heldPort = 0;
        }
        return h.handOver();
    }


    /** No backend will serve the held port soon (stopped, failed): its waiting connections are reset. */
    synchronized void dropPort() {
        PortHold h = hold;
        hold = PortHold.NONE;
        heldPort = 0;
        h.close();
    }

    private ResolvedCommand resolve(int port, int privatePort) {
        try {
            ResolvedCommand command = seams.resolver().resolve(new CommandRequest(config.python(),
                    config.projectDir(), config.server(), config.settingsModule(), config.wsgiApplication(),
                    config.command(), config.connectHost(), port, config.environment(), config.zeroDowntimeRestart(),
                    privatePort));
            sharing = command.sharing();
            return command;
        } catch (CommandResolutionException e) {
            throw new LaunchException(e.getMessage());
        }
    }

    /**
     * Whether a restart can start a new generation beside the running one, and how or why not, as
     * the last resolved command says; null before the first launch was prepared. The new generation's
     * health is checked over HTTP on its private port, so the {@code tcp} and {@code process} health
     * modes keep the stop-then-start restart.
     */
    PortSharing sharing() {
        PortSharing s = sharing;
        if (s != null && s.supported() && config.healthMode() != HealthMode.HTTP) {
            return PortSharing.not("health: " + config.healthMode().name().toLowerCase(java.util.Locale.ROOT)
                    + " cannot check a new generation apart from the old one");
        }
        return s;
    }

    /** The status's {@code restartMode}: how a restart replaces the backend, or null before the first launch. */
    String restartMode() {
        PortSharing s = sharing();
        if (s == null) {
            return null;
        }
        if (!config.zeroDowntimeRestart()) {
            return "stop-then-start (zeroDowntimeRestart is off)";
        }
        return s.supported() ? "zero-downtime (" + s.detail() + ")"
                : "stop-then-start (the server cannot share its port: " + s.detail() + ")";
    }

    private int choosePort(int previousPort) {
        String host = config.connectHost();
        int held = heldPort;
        if (held != 0 && (config.port() == 0 ? previousPort == held : config.port() == held)) {
            return held; // our standby listener holds it, beside which the backend binds
        }
        if (config.port() != 0) {
            if (!seams.ports().isFree(host, config.port())) {
                throw new LaunchException("Port " + config.port() + " on " + host + " is already in use by another"
                        + " program, so the Django service was not started. Stop that program, configure another"
                        + " port, or use port 0 to pick a free one (`sideeye doctor` shows who holds it; see "
                        + Supervisor.TROUBLESHOOTING + "#port-already-in-use)");
            }
            return config.port();
        }
        if (previousPort > 0 && seams.ports().isFree(host, previousPort)) {
            return previousPort;
        }
        try {
            return seams.ports().findFree(host);
        } catch (IOException e) {
            throw new LaunchException("No free port could be found on " + host + ": " + e.getMessage());
        }
    }

    /** The child's argv, folder and environment; our variables win over configured ones. */
    LaunchSpec spec(Prepared prepared, String instanceId, String token) {
        Map<String, String> env = LaunchPlan.environment(prepared.command(), config);
        env.put("SIDEEYE_INSTANCE_ID", instanceId);
        env.put("SIDEEYE_API_TOKEN", token);
        env.put("SIDEEYE_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
        return new LaunchSpec(prepared.command().argv(), config.projectDir(), env, output);
    }

    /** Records the running child so a later start can stop it if this host dies first. */
    void record(Attempt a) {
        seams.runtimeRecords().record(recordKey, a.child.pid(), null, a.instanceId);
    }

    void forget() {
        seams.runtimeRecords().clear(recordKey);
    }

    /** The readable message of a failed preparation. */
    static String messageOf(Throwable error) {
        Throwable e = Causes.unwrap(error);
        return e instanceof LaunchException ? e.getMessage()
                : "Could not prepare the Django service start: " + e;
    }

    private static String recordKey(ServiceConfig config) {
        // the name (with its replica number) keeps services and replicas of one project apart
        String identity = config.name() + "|" + config.projectDir().toAbsolutePath().normalize() + "|"
                + config.port() + "|" + config.command();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
