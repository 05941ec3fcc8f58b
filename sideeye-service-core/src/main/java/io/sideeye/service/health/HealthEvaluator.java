package io.sideeye.service.health;

import io.sideeye.service.HealthCheckResult;
import io.sideeye.service.async.Causes;
import io.sideeye.service.http.HttpFailure;
import io.sideeye.service.http.HttpReply;
import io.sideeye.service.http.Quoting;
import io.sideeye.service.http.ReplyBody;
import io.sideeye.service.json.PlainJson;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Judges one health answer (pure; no I/O). Healthy means all of:
 * <ul>
 *   <li>a 2xx status;</li>
 *   <li>a body that is not JSON, or JSON without a {@code status} field (or a null one), or with
 *       {@code status} {@code healthy}, {@code pass}, {@code ok} or {@code UP} (any case);</li>
 *   <li>an {@code instance} field equal to the instance id this manager gave the child, when one
 *       is expected (a spawned backend with the health contract), so another server squatting on
 *       the port is never taken for ours, not even one that leaves the field out; without an
 *       expected id (an attached service), no field, a null one or any value.</li>
 * </ul>
 * For a backend that cannot serve the contract, {@link #expecting} judges by status codes and
 * text in the body instead.
 * A 2xx body that declares a JSON Content-Type but does not parse is unhealthy
 * ({@code malformed health JSON}): a backend whose health view breaks must not pass. A body
 * sent without a Content-Type counts as JSON only if it parses.
 *
 * <p>Errors name the reason without echoing the body: {@code HTTP 500},
 * {@code HTTP 503: status "unhealthy" (failing check: database)}, {@code unexpected status "degraded"},
 * {@code instance "abc" is not ours (another server holds the port)}. Values from the answer are
 * quoted, escaped and cut short.
 */
public final class HealthEvaluator {
    private static final Set<String> HEALTHY = Set.of("healthy", "pass", "ok", "up");
    private static final int MAX_VALUE_CHARS = 64;
    private static final int MAX_CHECK_NAMES = 3;

    private HealthEvaluator() {
    }

    /**
     * The result of an answer.
     *
     * @param expectedInstance the instance id given to the child, or null to accept any
     * @param at               when the check finished
     */
    public static HealthCheckResult evaluate(HttpReply reply, String expectedInstance, Instant at) {
        String error = problem(reply, expectedInstance);
        return new HealthCheckResult(at, error == null, reply.status(), error, reply.elapsedNanos() / 1e6);
    }

    /**
     * The result of an answer judged by expectations rather than by the health contract (no
     * instance identity): healthy when its status is one of {@code statuses} (any 2xx when empty)
     * and, if {@code bodyContains} is set, its body contains that text.
     */
    public static HealthCheckResult expecting(HttpReply reply, List<Integer> statuses, String bodyContains,
                                              Instant at) {
        boolean statusOk = statuses.isEmpty() ? reply.status() >= 200 && reply.status() < 300
                : statuses.contains(reply.status());
        String error = null;
        if (!statusOk) {
            error = "HTTP " + reply.status() + " (expected " + (statuses.isEmpty() ? "2xx" : statuses.stream()
                    .map(String::valueOf).collect(Collectors.joining(" or "))) + ")";
        } else if (bodyContains != null && !ReplyBody.text(reply).contains(bodyContains)) {
            error = "HTTP " + reply.status() + ": the body does not contain " + Quoting.quote(bodyContains,
                    MAX_VALUE_CHARS);
        }
        return new HealthCheckResult(at, error == null, reply.status(), error, reply.elapsedNanos() / 1e6);
    }

    /**
     * The result of a check that got no answer.
     *
     * @param failure      the transport's failure (an {@link HttpFailure}, possibly wrapped)
     * @param elapsedNanos time from sending the check to the failure
     */
    public static HealthCheckResult failure(Throwable failure, Instant at, long elapsedNanos) {
        return new HealthCheckResult(at, false, 0, describe(failure), elapsedNanos / 1e6);
    }

    /**
     * A readable reason for a check that got no answer: the {@link HttpFailure}'s message (e.g.
     * {@code connection refused}, {@code timed out after 5s}), else the failure's type and message.
     */
    public static String describe(Throwable failure) {
        Throwable t = Causes.unwrap(failure);
        if (t instanceof HttpFailure) {
            return t.getMessage();
        }
        String message = t.getMessage();
        return "health check failed: " + t.getClass().getSimpleName()
                + (message == null ? "" : ": " + Quoting.sanitize(message, 200));
    }

    private static String problem(HttpReply reply, String expectedInstance) {
        boolean success = reply.status() >= 200 && reply.status() < 300;
        Map<?, ?> json = null;
        if (ReplyBody.readAsJson(reply)) {
            try {
                json = PlainJson.parse(reply.body()) instanceof Map<?, ?> object ? object : null;
            } catch (IOException malformed) {
                if (ReplyBody.declaresJson(reply.contentType())) {
                    return success ? "malformed health JSON in an HTTP " + reply.status() + " answer"
                            : "HTTP " + reply.status() + " (malformed health JSON)";
                }
            }
        }
        String prefix = success ? "" : "HTTP " + reply.status();
        String foreign = json == null ? null : foreignInstance(json, expectedInstance);
        if (foreign != null) {
            return join(prefix, foreign);
        }
        String status = json == null ? null : text(json.get("status"));
        boolean healthyStatus = status == null || HEALTHY.contains(status.toLowerCase(Locale.ROOT));
        if (success && healthyStatus) {
            return expectedInstance == null || (json != null && text(json.get("instance")) != null) ? null
                    : withoutInstance(reply, json != null);
        }
        String statusPart = status == null ? "" : (success ? "unexpected status " : "status ")
                + Quoting.quote(status, MAX_VALUE_CHARS);
        return join(prefix, statusPart) + failingChecks(json);
    }

    private static String foreignInstance(Map<?, ?> json, String expected) {
        String instance = text(json.get("instance"));
        if (expected == null || instance == null || instance.equals(expected)) {
            return null;
        }
        return "instance " + Quoting.quote(instance, MAX_VALUE_CHARS) + " is not ours (another server holds the port)";
    }

    /** Why a 2xx answer without the instance id is not the spawned backend's health answer. */
    private static String withoutInstance(HttpReply reply, boolean json) {
        String what = json ? "a JSON answer without the instance id"
                : ReplyBody.isHtml(reply.contentType()) ? "an HTML page instead of the health JSON"
                : "an answer that is not the health JSON";
        return "HTTP " + reply.status() + " with " + what + ": it is not the sideeye health app's answer"
                + " (or another server holds the port)";
    }

    /** {@code " (failing check: database)"} for the checks whose status is not healthy, or "". */
    private static String failingChecks(Map<?, ?> json) {
        Object checks = json == null ? null : json.get("checks");
        if (!(checks instanceof Map<?, ?> named)) {
            return "";
        }
        List<String> failing = new ArrayList<>();
        for (Map.Entry<?, ?> check : named.entrySet()) {
            if (!checkPassed(check.getValue())) {
                failing.add(Quoting.sanitize(String.valueOf(check.getKey()), MAX_VALUE_CHARS));
            }
        }
        if (failing.isEmpty()) {
            return "";
        }
        String names = String.join(", ", failing.subList(0, Math.min(MAX_CHECK_NAMES, failing.size())))
                + (failing.size() > MAX_CHECK_NAMES ? " and " + (failing.size() - MAX_CHECK_NAMES) + " more" : "");
        return " (failing check" + (failing.size() == 1 ? ": " : "s: ") + names + ")";
    }

    /** A check passes with a healthy status string, {@code true}, or an object with a healthy {@code status}. */
    private static boolean checkPassed(Object check) {
        if (check instanceof Boolean passed) {
            return passed;
        }
        String status = text(check instanceof Map<?, ?> object ? object.get("status") : check);
        return status == null || HEALTHY.contains(status.toLowerCase(Locale.ROOT));
    }

    /** A value as text: strings as they are, numbers and booleans as written, objects and arrays as JSON. */
    private static String text(Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        return value instanceof Map || value instanceof List ? PlainJson.write(value) : value.toString();
    }

    private static String join(String prefix, String detail) {
        if (prefix.isEmpty()) {
            return detail;
        }
        return detail.isEmpty() ? prefix : prefix + ": " + detail;
    }
}
