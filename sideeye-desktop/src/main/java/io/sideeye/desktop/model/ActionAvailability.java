package io.sideeye.desktop.model;

import io.sideeye.service.ServiceState;

/**
 * Which lifecycle buttons are enabled. The rules:
 * <ul>
 *   <li>while quitting, none;</li>
 *   <li>while an action is in flight (busy), none but Stop, so a slow start or restart can
 *       always be cancelled; Stop is disabled while a stop is itself in flight;</li>
 *   <li>otherwise by state: Start when STOPPED or FAILED; Stop when a process may be alive or
 *       the backend is external; Restart when RUNNING, BACKOFF, FAILED or EXTERNAL; Health check
 *       when RUNNING or EXTERNAL.</li>
 * </ul>
 *
 * @param start       Start is enabled
 * @param stop        Stop is enabled
 * @param restart     Restart is enabled
 * @param healthCheck Health check is enabled
 */
public record ActionAvailability(boolean start, boolean stop, boolean restart, boolean healthCheck) {
    /** Every button disabled. */
    public static final ActionAvailability NONE = new ActionAvailability(false, false, false, false);

    /**
     * The availability in {@code state}.
     *
     * @param state    the manager's state
     * @param busy     the action in flight, or null
     * @param quitting the application is shutting down
     */
    public static ActionAvailability of(ServiceState state, ServiceAction busy, boolean quitting) {
        if (quitting) {
            return NONE;
        }
        boolean stop = busy != ServiceAction.STOP && state != ServiceState.STOPPING
                && (state.hasProcess() || state == ServiceState.EXTERNAL);
        if (busy != null) {
            return new ActionAvailability(false, stop, false, false);
        }
        boolean start = state == ServiceState.STOPPED || state == ServiceState.FAILED;
        boolean restart = state == ServiceState.RUNNING || state == ServiceState.BACKOFF
                || state == ServiceState.FAILED || state == ServiceState.EXTERNAL;
        boolean health = state == ServiceState.RUNNING || state == ServiceState.EXTERNAL;
        return new ActionAvailability(start, stop, restart, health);
    }

    /** Whether the button of {@code action} is enabled. */
    public boolean allows(ServiceAction action) {
        return switch (action) {
            case START -> start;
            case STOP -> stop;
            case RESTART -> restart;
            case HEALTH_CHECK -> healthCheck;
        };
    }
}
