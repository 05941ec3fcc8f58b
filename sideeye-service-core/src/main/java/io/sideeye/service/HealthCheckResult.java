package io.sideeye.service;

import java.time.Instant;

/**
 * The result of one health check.
 *
 * @param timestamp when the check finished
 * @param healthy   2xx within the timeout, a healthy {@code status} field if any, and our instance id where
 *                  one is expected; or the configured status and body text; or, for {@code health: tcp},
 *                  an accepted connection
 * @param status    the HTTP status, or 0 when no answer arrived (and for a TCP or process check)
 * @param error     null when healthy, else why not (e.g. {@code HTTP 500}, {@code connection refused})
 * @param latencyMs round-trip time in milliseconds (fractional)
 */
public record HealthCheckResult(Instant timestamp, boolean healthy, int status, String error, double latencyMs) {
}
