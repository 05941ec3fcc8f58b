package io.sideeye.service;

/** How a managed service's health is judged. */
public enum HealthMode {
    /**
     * The default: the service is healthy when its health endpoint ({@code healthPath}) answers
     * 2xx with a healthy body (see the health contract); {@code started} follows the first such
     * answer and failed checks count towards {@code unhealthyThreshold}.
     */
    HTTP,
    /**
     * Alive is healthy, for services that serve no HTTP (a task worker): {@code started} follows
     * as soon as the spawn succeeded and the process is alive, periodic checks only check that it
     * is still alive, and a crash restarts it with backoff as usual. {@code apiCall} still goes to
     * {@code host:port}.
     */
    PROCESS
}
