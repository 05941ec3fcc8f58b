package io.sideeye.service.net;

import java.io.IOException;

/** Checks and picks TCP ports on the backend's host. */
public interface PortProbe {

    /** Whether nothing listens on {@code host:port} and it can be bound. */
    boolean isFree(String host, int port);

    /**
     * Whether something accepts a TCP connection on {@code host:port} within {@code timeoutMillis}
     * (the connection is closed at once; nothing is sent). Blocks for at most that long.
     */
    boolean accepts(String host, int port, int timeoutMillis);

    /** A port that is free on {@code host} right now. */
    int findFree(String host) throws IOException;

    /**
     * Holds {@code host:port}, which a crashed backend bound with {@code SO_REUSEPORT}, until the
     * next backend serves it (see {@link PortHold}); {@link PortHold#NONE} where it cannot.
     */
    default PortHold hold(String host, int port) {
        return PortHold.NONE;
    }
}
