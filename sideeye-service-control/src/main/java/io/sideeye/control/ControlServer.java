package io.sideeye.control;

import io.sideeye.service.DjangoServiceManager;
import java.net.URI;

/**
 * The loopback control server: the seed's IPC channels as HTTP routes, Server-Sent Events, the
 * dashboard and {@code sideeye-client.js}.
 */
public final class ControlServer implements AutoCloseable {

    private ControlServer() {
    }

    /**
     * Starts a server on 127.0.0.1.
     *
     * @param manager the manager to control, or null (routes answer "not initialized" until {@link #attach})
     * @param port    the port, 0 for a random free one
     * @param token   the access token, or null for a fresh random 256-bit token
     */
    public static ControlServer start(DjangoServiceManager manager, int port, String token) {
        throw new UnsupportedOperationException("control server not implemented yet");
    }

    /** Attaches (or replaces) the manager the routes act on. */
    public void attach(DjangoServiceManager manager) {
        throw new UnsupportedOperationException();
    }

    /** The bound port. */
    public int port() {
        throw new UnsupportedOperationException();
    }

    /** The access token (a secret: never log it). */
    public String token() {
        throw new UnsupportedOperationException();
    }

    /** {@code http://127.0.0.1:<port>/}. */
    public URI baseUrl() {
        throw new UnsupportedOperationException();
    }

    /** The dashboard URL carrying the token once ({@code /?token=...}), to print or open. */
    public URI dashboardUrl() {
        throw new UnsupportedOperationException();
    }

    /** Stops the server and ends every event stream. Does not stop the manager. */
    @Override
    public void close() {
    }
}
