package io.sideeye.cli.selftest;

import io.sideeye.service.time.DurationText;
import io.sideeye.service.ApiResponse;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.HealthCheckResult;
import io.sideeye.service.ServiceConfig;
import io.sideeye.service.ServiceEvent;
import io.sideeye.service.ServiceState;
import io.sideeye.service.ServiceStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The seed's manual test as a program: initial status, start, status, one health check, one
 * API call ({@code /health/}), a few periodic health checks, stop, final status. Each step is
 * reported with its timing and what was seen; a failed start skips to the final status.
 */
public final class SelfTest {
    private final ServiceConfig config;
    private final int monitoredChecks;
    private final Consumer<StepResult> sink;
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch periodicChecks = new CountDownLatch(0);
    private boolean allOk = true;
    private Long startedPid;

    /**
     * @param config          the configuration to test (its health interval paces the monitoring step)
     * @param monitoredChecks how many periodic health checks the monitoring step waits for
     * @param sink            receives each step as soon as it is done
     */
    public SelfTest(ServiceConfig config, int monitoredChecks, Consumer<StepResult> sink) {
        this.config = config;
        this.monitoredChecks = monitoredChecks;
        this.sink = sink;
    }

    /** Runs every step; true when all passed. Never leaves the backend running. */
    public boolean run() {
        try (DjangoServiceManager m = DjangoServiceManager.create(config)) {
            m.onAny(this::observe);
            step("initial status", () -> expectState(m.getStatus(), ServiceState.STOPPED));
            boolean started = step("start", () -> start(m));
            if (started) {
                step("status after start", () -> expectState(m.getStatus(), config.dev() ? ServiceState.EXTERNAL
                        : ServiceState.RUNNING));
                step("health check", () -> healthCheck(m));
                step("API call /health/", () -> apiCall(m));
                step("monitoring", this::monitor);
                step("stop", () -> stop(m));
            }
            step("final status", () -> finalStatus(m));
        }
        return allOk;
    }

    private void observe(ServiceEvent event) {
        if (event instanceof ServiceEvent.Healthy) {
            periodicChecks.countDown();
        } else if (event instanceof ServiceEvent.Unhealthy u) {
            problems.add("unhealthy: " + u.error());
        } else if (event instanceof ServiceEvent.ProcessExit e) {
            problems.add("process-exit code " + e.code() + (e.signal() == null ? "" : " (" + e.signal() + ")"));
        } else if (event instanceof ServiceEvent.Error e) {
            problems.add("error: " + e.message() + (e.cause() == null ? "" : " | " + e.cause().lines()
                    .reduce((a, b) -> b).orElse("")));
        }
    }

    private String start(DjangoServiceManager m) throws Exception {
        boolean ok = await(m.start(), config.startupTimeout().plusSeconds(30));
        ServiceStatus s = m.getStatus();
        if (!ok) {
            throw new StepFailure("did not start: " + (s.lastError() != null ? s.lastError() : String.join("; ", problems)));
        }
        startedPid = s.pid();
        return "pid " + s.pid() + ", port " + s.port() + ", " + s.url();
    }

    private String healthCheck(DjangoServiceManager m) throws Exception {
        boolean healthy = await(m.healthCheck(), config.healthCheckTimeout().plusSeconds(5));
        HealthCheckResult r = m.getStatus().lastHealthCheck();
        String seen = r == null ? "no result" : "HTTP " + r.status() + " in " + String.format("%.1f ms", r.latencyMs())
                + (r.error() == null ? "" : ": " + r.error());
        if (!healthy) {
            throw new StepFailure("unhealthy: " + seen);
        }
        return seen;
    }

    private String apiCall(DjangoServiceManager m) throws Exception {
        ApiResponse r = await(m.apiCall("/health/"), config.apiTimeout().plusSeconds(5));
        String seen = "HTTP " + r.status() + (r.data() != null && r.data().has("status")
                ? ", status " + r.data().path("status").asText() : "") + (r.error() == null ? "" : ": " + r.error());
        if (!r.success()) {
            throw new StepFailure(seen);
        }
        return seen;
    }

    private String monitor() throws Exception {
        problems.clear();
        CountDownLatch checks = new CountDownLatch(monitoredChecks);
        periodicChecks = checks;
        Duration window = config.healthCheckInterval().multipliedBy(monitoredChecks)
                .plus(config.healthCheckTimeout()).plusSeconds(2);
        boolean done = checks.await(window.toMillis(), TimeUnit.MILLISECONDS);
        if (!problems.isEmpty()) {
            throw new StepFailure(String.join("; ", problems));
        }
        if (!done) {
            throw new StepFailure("only " + (monitoredChecks - checks.getCount()) + " of " + monitoredChecks
                    + " periodic health checks passed within " + DurationText.format(window));
        }
        return monitoredChecks + " periodic health checks passed, every " + DurationText.format(config.healthCheckInterval());
    }

    private String stop(DjangoServiceManager m) throws Exception {
        boolean ok = await(m.stop(), config.shutdownTimeout().plusSeconds(10));
        ServiceStatus s = m.getStatus();
        if (!ok) {
            throw new StepFailure("stop() reported failure: " + s.lastError());
        }
        return s.lastExit() == null ? "stopped" : "exit code " + s.lastExit().code()
                + (s.lastExit().signal() == null ? "" : " (" + s.lastExit().signal() + ")");
    }

    private String finalStatus(DjangoServiceManager m) {
        ServiceStatus s = m.getStatus();
        String seen = "state " + s.state() + (s.pid() == null ? ", no process" : ", pid " + s.pid());
        if (s.state() != ServiceState.STOPPED && s.state() != ServiceState.FAILED || s.pid() != null) {
            throw new StepFailure(seen + " (expected STOPPED and no process)");
        }
        if (startedPid != null && ProcessHandle.of(startedPid).map(ProcessHandle::isAlive).orElse(false)) {
            throw new StepFailure(seen + ", but process " + startedPid + " is still alive");
        }
        return seen + (startedPid == null ? "" : ", pid " + startedPid + " gone");
    }

    private static String expectState(ServiceStatus s, ServiceState expected) {
        String seen = "state " + s.state() + ", running " + s.isRunning() + ", pid " + (s.pid() == null ? "none" : s.pid())
                + (s.url() == null ? "" : ", " + s.url());
        if (s.state() != expected) {
            throw new StepFailure(seen + " (expected " + expected + ")");
        }
        return seen;
    }

    /** A step's body: returns what it saw, or throws {@link StepFailure} (or any exception) when it failed. */
    private interface Body {
        String run() throws Exception;
    }

    private boolean step(String name, Body body) {
        long t0 = System.nanoTime();
        StepResult result;
        try {
            String data = body.run();
            result = new StepResult(name, true, elapsed(t0), data);
        } catch (StepFailure e) {
            result = new StepResult(name, false, elapsed(t0), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = new StepResult(name, false, elapsed(t0), "interrupted");
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            result = new StepResult(name, false, elapsed(t0), cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
        allOk &= result.ok();
        sink.accept(result);
        return result.ok();
    }

    private static <T> T await(CompletableFuture<T> future, Duration limit) throws Exception {
        try {
            return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new StepFailure("no answer within " + DurationText.format(limit));
        }
    }

    private static long elapsed(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** A step did not do what it should; the message says what was seen. */
    private static final class StepFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StepFailure(String message) {
            super(message);
        }
    }
}
