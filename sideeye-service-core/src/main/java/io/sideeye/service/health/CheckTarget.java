package io.sideeye.service.health;

/**
 * What a health check is aimed at: one launch of the backend (or the external service), as the
 * supervisor's attempt shows it to the checks. Read on the supervisor's thread, except
 * {@link #lastCheckNanos} and {@link #checkStarted}, which a steady check's completion also uses.
 */
public interface CheckTarget {

    /** The port checked. */
    int port();

    /** The URL the health path is appended to, e.g. {@code http://127.0.0.1:8000}. */
    String baseUrl();

    /** The launch's API token, sent as a bearer token to a managed child. */
    String token();

    /** The instance id the backend must report, for {@code HealthMode.HTTP} identity checks. */
    String instanceId();

    /** Whether the launched process is alive (for {@code HealthMode.PROCESS}). */
    boolean processAlive();

    /** The launched process's pid, for messages. */
    long pid();

    /** The start of the last periodic check ({@code Scheduler.nanoTime()}), or 0 before the first. */
    long lastCheckNanos();

    /** Records the start of a periodic check, which the next one is timed from. */
    void checkStarted(long nanos);
}
