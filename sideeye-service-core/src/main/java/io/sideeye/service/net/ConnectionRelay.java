package io.sideeye.service.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the connections a listening socket holds over to another listener: the connections
 * waiting in its backlog are accepted, and each accepted connection is relayed byte for byte to
 * the new listener by two daemon threads, until either side closes. Used where a port changes
 * hands while clients connect: a crashed backend's standby listener ({@link StandbyListener}) and
 * a control plane that starts its server on the first connection.
 */
public final class ConnectionRelay {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionRelay.class);
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private ConnectionRelay() {
    }

    /**
     * Accepts every connection waiting in {@code listener}'s backlog (the listener is left in
     * non-blocking mode); a failure ends the accepting and returns what was accepted so far.
     */
    public static List<SocketChannel> acceptWaiting(ServerSocketChannel listener) {
        List<SocketChannel> waiting = new ArrayList<>();
        try {
            listener.configureBlocking(false);
            for (SocketChannel c = listener.accept(); c != null; c = listener.accept()) {
                waiting.add(c);
            }
        } catch (IOException e) {
            LOG.debug("accepting the connections waiting on {} failed: {}", listener, e.toString());
        }
        return waiting;
    }

    /**
     * Relays {@code client} to {@code target} on daemon threads named after {@code name}; closes
     * the client when the relay ends (or cannot connect within 5 s).
     */
    public static void relay(SocketChannel client, InetSocketAddress target, String name) {
        Thread t = new Thread(() -> {
            try (SocketChannel c = client; Socket backend = new Socket()) {
                c.configureBlocking(true);
                backend.connect(target, CONNECT_TIMEOUT_MS);
                // the socket adaptor's streams, unlike Channels', may read and write at the same time
                Thread up = pump(c.socket().getInputStream(), backend.getOutputStream(), backend, name + "-up");
                pump(backend.getInputStream(), c.socket().getOutputStream(), null, name + "-down").join();
                // the target has answered and closed its side: the client sees the end at once, not
                // when the relay gives up waiting for the client's side
                c.shutdownOutput();
                up.join(1_000);
            } catch (IOException e) {
                LOG.debug("relaying a connection to {} failed: {}", target, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    /** Copies {@code in} to {@code out} until end of stream; then half-closes {@code backend}'s output. */
    private static Thread pump(InputStream in, OutputStream out, Socket backend, String name) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
                if (backend != null) {
                    backend.shutdownOutput();
                }
            } catch (IOException e) {
                // either side closed: the relay ends
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
