package io.sideeye.service;

/**
 * The lifecycle state of a managed service.
 *
 * <pre>
 * STOPPED -> STARTING -> RUNNING -> STOPPING -> STOPPED
 * RUNNING --crash or unhealthy--> BACKOFF -> STARTING   (while restart attempts remain)
 * BACKOFF --attempts exhausted--> FAILED                (until start() is called again)
 * EXTERNAL: attach or development mode, the service runs outside this process and is only monitored
 * </pre>
 */
public enum ServiceState {
    /** No process; nothing scheduled. */
    STOPPED,
    /** A process was spawned (or is being spawned) and is not yet healthy. */
    STARTING,
    /** The process answered its health endpoint and is monitored. */
    RUNNING,
    /** Graceful shutdown in progress. */
    STOPPING,
    /** Waiting for the backoff delay before an automatic restart. */
    BACKOFF,
    /** Restart attempts are exhausted; stays here until {@code start()} is called. */
    FAILED,
    /**
     * Attach mode ({@code external}) or development mode: the backend runs outside this manager
     * and is only monitored; a failed check is reported, never answered with a restart.
     */
    EXTERNAL;

    /** Whether a process of ours may be alive in this state. */
    public boolean hasProcess() {
        return this == STARTING || this == RUNNING || this == STOPPING || this == BACKOFF;
    }
}
