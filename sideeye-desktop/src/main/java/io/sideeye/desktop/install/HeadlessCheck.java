package io.sideeye.desktop.install;

import io.sideeye.service.ApiResponse;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceConfig;
import io.sideeye.service.ServiceStatus;
import java.io.PrintStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code sideeye-desktop --check}: the app without its window. Starts the backend as the app
 * would, checks its health, makes an API call, stops it, and says so line by line. Exit code 0
 * when every step passed, 1 with the failed step's reason otherwise.
 */
public final class HeadlessCheck {
    private static final long STEP_TIMEOUT_SECONDS = 120;

    private HeadlessCheck() {
    }

    /** Runs the check for {@code config}, writing its lines to {@code out}; returns the exit code. */
    public static int run(ServiceConfig config, PrintStream out) {
        out.println("check: backend " + config.projectDir() + (config.python() == null ? "" : " with " + config.python()));
        DjangoServiceManager manager = DjangoServiceManager.create(config);
        Long pid = null;
        try {
            if (!await(manager.start())) {
                return fail(out, "the backend did not start: " + reason(manager.getStatus()));
            }
            ServiceStatus status = manager.getStatus();
            pid = status.pid();
            out.println("check: backend running at " + status.url() + " (pid " + pid + ")");
            if (!await(manager.healthCheck())) {
                return fail(out, "the health check failed: " + reason(manager.getStatus()));
            }
            out.println(String.format("check: health ok (%.0f ms)", manager.getStatus().lastHealthCheck().latencyMs()));
            ApiResponse notes = manager.apiCall("/notes/").get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!notes.success()) {
                return fail(out, "GET /notes/ answered " + notes.status() + (notes.error() == null ? "" : ": " + notes.error()));
            }
            out.println("check: GET /notes/ -> " + notes.status() + " in " + notes.durationMs() + " ms");
        } catch (ExecutionException e) {
            return fail(out, e.getCause() == null ? e.toString() : String.valueOf(e.getCause().getMessage()));
        } catch (TimeoutException e) {
            return fail(out, "a step took longer than " + STEP_TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(out, "interrupted");
        } finally {
            manager.close();
        }
        if (pid != null && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return fail(out, "the backend (pid " + pid + ") is still running after the stop");
        }
        out.println("check: backend stopped");
        out.println("check: OK");
        return 0;
    }

    private static boolean await(java.util.concurrent.CompletableFuture<Boolean> step)
            throws ExecutionException, TimeoutException, InterruptedException {
        return Boolean.TRUE.equals(step.get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }

    private static String reason(ServiceStatus status) {
        if (status.lastError() != null) {
            return status.lastError();
        }
        if (status.lastHealthCheck() != null && status.lastHealthCheck().error() != null) {
            return status.lastHealthCheck().error();
        }
        return "state " + status.state();
    }

    private static int fail(PrintStream out, String reason) {
        out.println("check: FAILED: " + reason);
        return 1;
    }
}
