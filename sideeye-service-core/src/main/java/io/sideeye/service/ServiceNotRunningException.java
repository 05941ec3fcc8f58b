package io.sideeye.service;

/** An API call was made while the service is not running (and not attached to an external one). */
public class ServiceNotRunningException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with the seed's message, {@code Django service is not running}. */
    public ServiceNotRunningException() {
        super("Django service is not running");
    }

    /**
     * Creates the exception with a message that names the service and what to do, e.g. for a
     * group service none of whose instances is healthy.
     */
    public ServiceNotRunningException(String message) {
        super(message);
    }
}
