package io.sideeye.service.health;

import io.sideeye.service.HealthCheckResult;
import io.sideeye.service.HealthMode;
import io.sideeye.service.ServiceConfig;
import io.sideeye.service.http.HttpCall;
import io.sideeye.service.http.HttpReply;
import io.sideeye.service.http.HttpTransport;
import io.sideeye.service.net.PortProbe;
import io.sideeye.service.time.Scheduler;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * One health check of a {@link CheckTarget}, in each {@link HealthMode}: the request, the
 * transport it goes through, and the judgement of its answer. Used by the readiness polls while
 * a launch starts and by the {@link HealthMonitor}'s periodic checks once it runs.
 *
 * <p>{@link #call} runs on the supervisor's thread; {@link #evaluate} on whichever thread an
 * answer arrives on (it reads only the current configuration).
 */
public final class HealthProbe {
    private static final long BODY_CAP = 1 << 20;

    private final Supplier<ServiceConfig> config;
    private final HttpTransport api;
    private final HttpTransport probe;
    private final PortProbe ports;
    private final Executor blocking;
    private final Scheduler scheduler;

    // Confined to the supervisor thread: the last health request built, and what it was built for.
    private CheckTarget callTarget;
    private ServiceConfig callConfig;
    private HttpCall call;

    /**
     * @param config    the current configuration (it changes when settings are applied live)
     * @param api       the transport for https (only external services)
     * @param probe     the cheap transport for plain http
     * @param ports     connects for {@link HealthMode#TCP}
     * @param blocking  where a TCP connect may wait
     * @param scheduler the clock results are timed and stamped by
     */
    public HealthProbe(Supplier<ServiceConfig> config, HttpTransport api, HttpTransport probe, PortProbe ports,
                       Executor blocking, Scheduler scheduler) {
        this.config = config;
        this.api = api;
        this.probe = probe;
        this.ports = ports;
        this.blocking = blocking;
        this.scheduler = scheduler;
    }

    /** The target's health request, built once per target and configuration (it runs every interval). */
    public HttpCall call(CheckTarget target) {
        ServiceConfig c = config.get();
        if (call == null || callTarget != target || callConfig != c) {
            call = HealthRequest.build(URI.create(target.baseUrl()), c.healthPath(),
                    c.attached() ? c.apiToken() : target.token(), c.healthCheckTimeout(),
                    Math.min(BODY_CAP, c.maxResponseBytes()));
            callTarget = target;
            callConfig = c;
        }
        return call;
    }

    /** Plain http goes through the cheap socket probe; https (only external services) through the JDK client. */
    public CompletableFuture<HttpReply> send(HttpCall call) {
        return "https".equals(call.uri().getScheme()) ? api.send(call) : probe.send(call);
    }

    /**
     * The result of an HTTP check started at {@code t0}: its {@code reply}, or its {@code error}
     * when there is none. An external service's failures say which service it is.
     */
    public HealthCheckResult evaluate(CheckTarget target, HttpReply reply, Throwable error, long t0) {
        ServiceConfig c = config.get();
        HealthCheckResult result = reply == null
                ? HealthEvaluator.failure(error, scheduler.now(), scheduler.nanoTime() - t0)
                : c.customHealth()
                ? HealthEvaluator.expecting(reply, c.healthStatus(), c.healthBodyContains(), scheduler.now())
                : HealthEvaluator.evaluate(reply, c.identityChecked() ? target.instanceId() : null, scheduler.now());
        if (!c.attached() || result.healthy()) {
            return result;
        }
        String where = "external service at " + target.baseUrl();
        String reason = result.status() == 0 ? where + " is not answering: " + result.error()
                : where + " is unhealthy: " + result.error();
        return new HealthCheckResult(result.timestamp(), false, result.status(), reason, result.latencyMs());
    }

    /** A {@link HealthMode#TCP} check of the target's port. */
    public CompletableFuture<HealthCheckResult> tcp(CheckTarget target) {
        ServiceConfig c = config.get();
        return TcpCheck.run(ports, c.connectHost(), target.port(), c.healthCheckTimeout(), blocking, scheduler);
    }

    /** {@link HealthMode#PROCESS}: the check is whether the process is alive. */
    public HealthCheckResult process(CheckTarget target) {
        boolean alive = target.processAlive();
        return new HealthCheckResult(scheduler.now(), alive, 0,
                alive ? null : "process " + target.pid() + " is not alive", 0);
    }
}
