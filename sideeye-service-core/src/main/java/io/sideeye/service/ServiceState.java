package io.sideeye.service;

/**
 * The lifecycle state of a managed service.
 *
 * <pre>
 * STOPPED -> STARTING -> RUNNING -> STOPPING -> STOPPED
 * RUNNING --crash or unhealthy--> BACKOFF -> STARTING   (while restart attempts remain)
 * BACKOFF --attempts exhausted--> FAILED                (until start() is called again)
 * EXTERNAL: development mode, the service is managed outside this process
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
    /** Development mode: the backend runs outside this manager and is only monitored. */
    EXTERNAL;

    /** Whether a process of ours may be alive in this state. */
    public boolean hasProcess() {
        return this == STARTING || this == RUNNING || this == STOPPING || this == BACKOFF;
    }
}
