package io.sideeye.control;

import io.sideeye.control.security.AccessToken;
import io.sideeye.service.ServiceGroup;
import io.sideeye.service.net.ConnectionRelay;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ControlServer} that costs nothing until it is used. It holds its port with a listening
 * socket and one thread blocked in {@code accept()}: none of the HTTP server's classes, threads or
 * timers exist, and nothing wakes while nobody connects (the JDK's server wakes every second, and
 * loading and running it costs a daemon ~2.5 MiB). The first connection starts the server: the
 * server is made ready, the connections waiting by then are accepted, the port is let go and bound
 * by the server at once, and the accepted connections are relayed to it
 * ({@link ConnectionRelay}); every later connection goes to the server directly. The port and the
 * token are fixed when the port is bound, so both can be announced before the server exists.
 *
 * <p>Between letting go of the port and the server's binding it (microseconds, once per
 * process) a connection attempt is refused; a client that may meet that moment retries once.
 * A server that cannot bind the port then (only if another process took it in those
 * microseconds) is logged, and the port stays unserved.
 */
public final class OnDemandControlServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OnDemandControlServer.class);

    private final ControlServerBuilder options; // guarded by this
    private final ServerSocketChannel listener;
    private final InetSocketAddress address;
    private final String token;
    private ControlServer server; // guarded by this
    private boolean closed; // guarded by this

    private OnDemandControlServer(ControlServerBuilder options, ServerSocketChannel listener,
                                  InetSocketAddress address, String token) {
        this.options = options;
        this.listener = listener;
        this.address = address;
        this.token = token;
    }

    /** Binds the builder's port (validated by the builder) and waits for the first connection. */
    static OnDemandControlServer listen(ControlServerBuilder b) {
        String token = (b.token == null ? AccessToken.random() : AccessToken.of(b.token)).reveal();
        ServerSocketChannel channel = null;
        InetSocketAddress address;
        try {
            channel = ServerSocketChannel.open();
            channel.bind(new InetSocketAddress(b.bindAddress, b.port), ControlServer.BACKLOG);
            address = (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            closeQuietly(channel);
            throw ControlServer.bindFailure(b, e);
        }
        b.port(address.getPort()).token(token);
        OnDemandControlServer control = new OnDemandControlServer(b, channel, address, token);
        Thread waiter = new Thread(control::awaitFirstConnection, "sideeye-control-standby");
        waiter.setDaemon(true);
        waiter.start();
        return control;
    }

    private void awaitFirstConnection() {
        SocketChannel first;
        try {
            first = listener.accept();
        } catch (ClosedChannelException e) {
            return; // closed before anyone connected
        } catch (IOException e) {
            LOG.warn("the control plane stopped waiting for connections on {}: {}", address, e.toString());
            return;
        }
        List<SocketChannel> waiting = new ArrayList<>();
        waiting.add(first);
        synchronized (this) {
            if (closed) {
                closeAll(waiting);
                return;
            }
            try {
                server = ControlServer.launch(options, () -> {
                    waiting.addAll(ConnectionRelay.acceptWaiting(listener));
                    closeQuietly(listener);
                });
            } catch (RuntimeException e) {
                LOG.warn("the control server could not be started on {}: {}", address, e.getMessage());
                closeQuietly(listener);
                closeAll(waiting);
                return;
            }
        }
        for (SocketChannel client : waiting) {
            ConnectionRelay.relay(client, address, "sideeye-control-relay");
        }
    }

    /**
     * Replaces whatever is attached with {@code group} (null detaches), as
     * {@link ControlServer#attach(ServiceGroup)}; before the server starts, it is what the server
     * will start with.
     */
    public synchronized void attach(ServiceGroup group) {
        if (server != null) {
            server.attach(group);
        } else {
            options.group(group);
        }
    }

    /** The bound port. */
    public int port() {
        return address.getPort();
    }

    /** The access token (a secret: never log it). */
    public String token() {
        return token;
    }

    /** {@code http://127.0.0.1:<port>/}. */
    public URI baseUrl() {
        return ControlServer.baseUrl(address.getAddress(), address.getPort());
    }

    /** Whether the first connection has started the server. */
    public synchronized boolean started() {
        return server != null;
    }

    /** Stops waiting, or stops the server; ends every event stream. Does not stop the services. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(listener);
        if (server != null) {
            server.close();
        }
    }

    private static void closeAll(List<SocketChannel> channels) {
        for (SocketChannel c : channels) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing more to release
            }
        }
    }
}
