package io.sideeye.service;

/**
 * How a managed service's health is judged. Only {@link #HTTP} with the sideeye health contract
 * (no {@code healthStatus} or {@code healthBodyContains} set) checks the instance identity of a
 * backend the manager spawned; in every other mode a server that took the port would pass, which
 * the manager says with a warning event at each start and {@code identityChecked: false} in the
 * status.
 */
public enum HealthMode {
    /**
     * The default: the service is healthy when its health endpoint ({@code healthPath}) answers
     * 2xx with a healthy body (see the health contract), which for a spawned backend carries the
     * instance id the manager gave it; {@code started} follows the first such answer and failed
     * checks count towards {@code unhealthyThreshold}. With {@code healthStatus} or
     * {@code healthBodyContains} set, any URL can serve as the health endpoint: healthy is an
     * expected status code and (if set) the text in the body.
     */
    HTTP,
    /**
     * Alive is healthy, for services that serve no HTTP (a task worker): {@code started} follows
     * as soon as the spawn succeeded and the process is alive, periodic checks only check that it
     * is still alive, and a crash restarts it with backoff as usual. {@code apiCall} still goes to
     * {@code host:port}.
     */
    PROCESS,
    /**
     * The port accepts TCP connections: for a backend that has no health URL at all. Nothing is
     * sent, so the backend's log stays quiet; {@code started} follows the first accepted
     * connection, and refused or timed-out connections count towards {@code unhealthyThreshold}.
     */
    TCP
}
