package io.sideeye.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback ports as a server sees them. */
public final class Ports {
    private Ports() {
    }

    /** Whether a server could listen on {@code port} of the loopback address now: nothing holds it. */
    public static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
