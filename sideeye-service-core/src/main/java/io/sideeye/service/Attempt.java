package io.sideeye.service;

import io.sideeye.service.health.CheckTarget;
import io.sideeye.service.health.ReadinessPolls;
import io.sideeye.service.process.ChildProcess;
import io.sideeye.service.time.Cancellable;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * One launch of the backend: its identity (instance id, token), its process and its timers.
 * Confined to the supervisor's thread. Callbacks carry their attempt, so a late answer for an
 * attempt that was replaced or cancelled is recognised and ignored.
 */
final class Attempt implements CheckTarget {
    private static final SecureRandom RANDOM = new SecureRandom();

    final boolean automatic;
    final long startNanos;
    final String instanceId = UUID.randomUUID().toString();
    final String token = newToken();
    /** Completes (on the supervisor thread) with whether this attempt reached RUNNING. */
    final CompletableFuture<Boolean> outcome = new CompletableFuture<>();

    int port;
    /** Where this launch is reached: set with {@link #port}. */
    String baseUrl;
    /** A loopback port served by this launch only, where its health is checked; 0 for none (the port itself). */
    int privatePort;
    ChildProcess child;
    long spawnNanos;
    boolean exited;
    /** Set once the manager ends this launch's process (or nothing it ends would be a crash): its exit is no crash. */
    volatile boolean exitExpected;
    /**
     * The start of the last periodic health check, for a fixed-rate schedule without overlap;
     * written by a steady check's completion too (under the health monitor's lock).
     */
    private volatile long lastCheckNanos;
    /** The latest readiness answer while starting, for the startup-timeout message. */
    HealthCheckResult lastProbe;
    /** The readiness polls after unhealthy answers: their spacing, and whether the health URL is wrong. */
    final ReadinessPolls polls = new ReadinessPolls();
    Cancellable readiness = Cancellable.NONE;
    Cancellable startupTimeout = Cancellable.NONE;

    Attempt(boolean automatic, long startNanos) {
        this.automatic = automatic;
        this.startNanos = startNanos;
    }

    /** Whether our process of this attempt may still be alive. */
    boolean childAlive() {
        return child != null && !exited;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public String token() {
        return token;
    }

    @Override
    public String instanceId() {
        return instanceId;
    }

    @Override
    public boolean processAlive() {
        return childAlive() && child.isAlive();
    }

    @Override
    public long pid() {
        return child.pid();
    }

    @Override
    public long lastCheckNanos() {
        return lastCheckNanos;
    }

    @Override
    public void checkStarted(long nanos) {
        lastCheckNanos = nanos;
    }

    void cancelStartupTimers() {
        readiness.cancel();
        startupTimeout.cancel();
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
