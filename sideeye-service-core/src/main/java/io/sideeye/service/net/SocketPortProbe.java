package io.sideeye.service.net;

import io.sideeye.service.process.Platform;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;

/**
 * Checks ports with real sockets. A port is free when nothing accepts a connection on it and it
 * can be bound the way servers bind (with {@code SO_REUSEADDR} on Unix, so a port whose previous
 * connections linger in TIME_WAIT counts as free, as it is for the backend). On Windows
 * {@code SO_REUSEADDR} would allow binding a port in use, so it is not set there.
 */
public final class SocketPortProbe implements PortProbe {
    /** How long a connection attempt may take before the port is taken as not listening. */
    private static final int CONNECT_TIMEOUT_MS = 250;

    /** A probe using the local network stack. */
    public SocketPortProbe() {
    }

    @Override
    public boolean isFree(String host, int port) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return false;
        }
        return !accepts(address, port) && canBind(address, port);
    }

    @Override
    public int findFree(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0), 1);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IOException("cannot find a free port on " + host + ": " + e.getMessage()
                    + "; check that the host is an address of this machine (e.g. 127.0.0.1)", e);
        }
    }

    private static boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean canBind(InetAddress address, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(!Platform.WINDOWS);
            socket.bind(new InetSocketAddress(address, port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
