package io.sideeye.cli.health;

import io.sideeye.service.time.DurationText;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sideeye.cli.ExitCodes;
import io.sideeye.config.Durations;
import io.sideeye.cli.output.Console;
import io.sideeye.service.HealthCheckResult;
import io.sideeye.service.ServiceJson;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code sideeye health --url}: one check (or, with {@code --wait}, checks until healthy) of a
 * backend at a URL, with what a watchdog needs around it: the count of consecutive failed checks
 * kept in a file, and a restart of a systemd unit when the count reaches the threshold (the
 * count then starts again from 0). Exit code 0 when healthy, 1 when not.
 */
public final class UrlHealthWatch {
    private static final Pattern UNIT = Pattern.compile("[A-Za-z0-9_.:@\\\\][A-Za-z0-9_.:@\\\\-]*");

    /**
     * A checked request.
     *
     * @param url         the health endpoint
     * @param timeout     the time one check may take
     * @param waitFor     how long to keep checking until healthy, or null for one check
     * @param threshold   consecutive failed checks that count as down
     * @param stateFile   where the count is kept between runs, or null (every run starts from 0)
     * @param restartUnit the systemd unit to restart at the threshold, or null
     * @param token       the bearer token to send, or null
     */
    public record Request(URI url, Duration timeout, Duration waitFor, int threshold, Path stateFile, String restartUnit,
                          String token) {
    }

    private final Request request;
    private final Map<String, String> env;
    private final Console console;
    private final boolean json;

    /** @param env the environment ({@code PATH} finds {@code systemctl}) */
    public UrlHealthWatch(Request request, Map<String, String> env, Console console, boolean json) {
        this.request = request;
        this.env = env;
        this.console = console;
        this.json = json;
    }

    /**
     * The request the options describe.
     *
     * @throws IllegalArgumentException naming the option that is wrong and what to give instead
     */
    public static Request request(String url, String timeout, String wait, Integer threshold, Path stateFile,
                                  String restartUnit, String token) {
        URI parsed = UrlHealthCheck.parse(url);
        Duration checkTimeout = duration("--timeout", timeout);
        if (checkTimeout.isZero()) {
            throw new IllegalArgumentException("--timeout: must be more than 0; e.g. 5s");
        }
        Duration waitFor = wait == null ? null : duration("--wait", wait);
        if (threshold != null && threshold < 1) {
            throw new IllegalArgumentException("--threshold: " + threshold + " is out of range; use 1 or more");
        }
        if (threshold != null && threshold > 1 && stateFile == null) {
            throw new IllegalArgumentException("--threshold " + threshold + " counts failed checks across runs, so it"
                    + " needs --state-file FILE to keep the count in");
        }
        if (restartUnit != null && !UNIT.matcher(restartUnit).matches()) {
            throw new IllegalArgumentException("--restart-unit: '" + restartUnit + "' is not a systemd unit name;"
                    + " give e.g. sideeye-web.service");
        }
        return new Request(parsed, checkTimeout, waitFor, threshold == null ? 1 : threshold, stateFile, restartUnit,
                token);
    }

    /** Checks, counts, restarts if due, reports; returns the exit code. */
    public int run() {
        HealthCheckResult result;
        try (UrlHealthCheck check = new UrlHealthCheck(request.url(), request.timeout(), request.token())) {
            result = request.waitFor() == null ? check.check() : check.awaitHealthy(request.waitFor());
        } catch (IllegalArgumentException e) {
            console.error(e.getMessage());
            return ExitCodes.CONFIG;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            console.error("interrupted while checking " + request.url());
            return ExitCodes.FAILED;
        }
        FailureCount count = request.stateFile() == null ? null : new FailureCount(request.stateFile());
        int failures = result.healthy() ? 0 : (count == null ? 0 : count.read()) + 1;
        boolean due = !result.healthy() && failures >= request.threshold();
        String restartError = null;
        boolean restarted = false;
        if (due && request.restartUnit() != null) {
            restartError = UnitRestart.onPath(env).restart(request.restartUnit());
            restarted = restartError == null;
            if (restarted) {
                failures = 0; // the restarted service starts a new count
            }
        }
        try {
            if (count != null) {
                count.write(failures);
            }
        } catch (UncheckedIOException e) {
            console.error(e.getMessage());
            return ExitCodes.FAILED;
        }
        report(result, result.healthy() ? 0 : restarted ? request.threshold() : failures, restarted, restartError);
        return result.healthy() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private void report(HealthCheckResult result, int failures, boolean restarted, String restartError) {
        if (json) {
            ObjectNode node = ServiceJson.object();
            node.put("url", request.url().toString());
            node.put("healthy", result.healthy());
            node.put("status", result.status());
            node.put("error", result.error());
            node.put("latencyMs", result.latencyMs());
            node.put("failures", failures);
            node.put("threshold", request.threshold());
            node.put("restarted", restarted ? request.restartUnit() : null);
            node.put("restartError", restartError);
            console.print(node.toString());
            return;
        }
        if (result.healthy()) {
            console.print(console.style().green("✔ healthy") + " " + request.url() + " (HTTP " + result.status() + ", "
                    + String.format("%.1f ms", result.latencyMs()) + ")");
            return;
        }
        String what = request.waitFor() != null ? "not healthy within " + DurationText.format(request.waitFor()) : "unhealthy";
        StringBuilder line = new StringBuilder(console.style().red("✘ " + what) + " " + request.url() + ": "
                + result.error());
        if (request.stateFile() != null || request.threshold() > 1) {
            line.append(" (").append(failures).append(" of ").append(request.threshold())
                    .append(" consecutive failed checks)");
        }
        if (restarted) {
            line.append("; restarting ").append(request.restartUnit());
        } else if (restartError != null) {
            line.append("; ").append(restartError);
        }
        console.print(line.toString());
    }

    private static Duration duration(String option, String text) {
        try {
            Duration d = Durations.parse(text);
            if (d.isNegative()) {
                throw new IllegalArgumentException("'" + text + "' is negative; use 0 or more, e.g. 5s");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }
}
