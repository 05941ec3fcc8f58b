package io.sideeye.service.net;

import io.sideeye.service.process.Platform;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Checks ports with real sockets. A port is free when nothing accepts a connection on it and it
 * can be bound the way servers bind (with {@code SO_REUSEADDR} on Unix, so a port whose previous
 * connections linger in TIME_WAIT counts as free, as it is for the backend). On Windows
 * {@code SO_REUSEADDR} would allow binding a port in use, so it is not set there.
 *
 * <p>A free port ({@link #findFree}) is picked below the kernel's ephemeral range where there
 * is one (Linux: {@code /proc/sys/net/ipv4/ip_local_port_range}, 32768-60999 by default), from
 * {@value #FIRST_PICKED} up. A port that {@code bind(0)} hands out lies inside that range, and in
 * the time until the backend binds it any outgoing connection on the machine (a health probe of
 * another backend, a browser) may be given it as its local port; the backend then fails with
 * "address in use". Below the range only listening servers take ports, and those are checked.
 * The picks of one JVM go round from a random start, so managers starting at the same moment
 * are given different ports. Elsewhere, or when no port there is free, {@code bind(0)} decides.
 */
public final class SocketPortProbe implements PortProbe {
    /** How long a connection attempt may take before the port is taken as not listening. */
    private static final int CONNECT_TIMEOUT_MS = 250;
    /** The lowest port {@link #findFree} picks below the ephemeral range. */
    static final int FIRST_PICKED = 20_000;
    /** How many ports below the range are tried before {@code bind(0)} decides. */
    private static final int TRIES = 64;
    private static final Path PORT_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** The next port to try, shared by every probe of the JVM (taken modulo the span). */
    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(1 << 20));

    private final IntSupplier ephemeralLow;
    private final AtomicInteger next;

    /** A probe using the local network stack. */
    public SocketPortProbe() {
        this(SocketPortProbe::ephemeralLow, NEXT);
    }

    /**
     * A probe whose ephemeral range starts at {@code ephemeralLow} (0: unknown, pick with
     * {@code bind(0)}) and whose picks start at {@code next}.
     */
    SocketPortProbe(IntSupplier ephemeralLow, AtomicInteger next) {
        this.ephemeralLow = ephemeralLow;
        this.next = next;
    }

    @Override
    public boolean isFree(String host, int port) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return false;
        }
        return !accepts(address, port, CONNECT_TIMEOUT_MS) && canBind(address, port);
    }

    @Override
    public boolean accepts(String host, int port, int timeoutMillis) {
        try {
            return accepts(InetAddress.getByName(host), port, timeoutMillis);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public int findFree(String host) throws IOException {
        try {
            InetAddress address = InetAddress.getByName(host);
            int span = ephemeralLow.getAsInt() - FIRST_PICKED;
            for (int i = 0; i < TRIES && span > 0; i++) {
                int port = FIRST_PICKED + Math.floorMod(next.getAndIncrement(), span);
                if (bindsAlone(address, port)) {
                    return port;
                }
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(address, 0), 1);
                return socket.getLocalPort();
            }
        } catch (IOException e) {
            throw new IOException("cannot find a free port on " + host + ": " + e.getMessage()
                    + "; check that the host is an address of this machine (e.g. 127.0.0.1)", e);
        }
    }

    /** Whether {@code port} can be bound without {@code SO_REUSEADDR}: nothing uses it at all. */
    private static boolean bindsAlone(InetAddress address, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(address, port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port of the kernel's ephemeral range, or 0 where it cannot be read. */
    private static int ephemeralLow() {
        try {
            // one buffered read: this file answers a read at a non-zero offset with end-of-file
            return Integer.parseInt(Files.readAllLines(PORT_RANGE).get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static boolean accepts(InetAddress address, int port, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), Math.max(1, timeoutMillis));
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

    @Override
    public PortHold hold(String host, int port) {
        return StandbyListener.open(host, port);
    }
}
