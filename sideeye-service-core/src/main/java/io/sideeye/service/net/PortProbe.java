package io.sideeye.service.net;

import java.io.IOException;

/** Checks and picks TCP ports on the backend's host. */
public interface PortProbe {

    /** Whether nothing listens on {@code host:port} and it can be bound. */
    boolean isFree(String host, int port);

    /** A port that is free on {@code host} right now. */
    int findFree(String host) throws IOException;
}
