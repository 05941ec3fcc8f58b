package io.sideeye.control;

import io.sideeye.control.security.AccessToken;
import io.sideeye.service.ServiceGroup;
import io.sideeye.service.net.ConnectionRelay;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.Channel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ControlServer} that costs nothing until it is used. A listening socket holds the
 * announced port, with one thread blocked in {@code accept()}: none of the HTTP server's classes,
 * threads or timers exist meanwhile, and nothing wakes while nobody connects (the JDK's server
 * wakes every second, and loading and running it costs a daemon ~2.5 MiB, docs/BENCHMARKS.md,
 * section {@code daemons}). The first connection starts the server on a port of its own;
 * {@link #onStart} tells the owner, who announces that port from then on (the {@code sideeye run}
 * runtime file), so later clients connect to the server directly. Connections to the first port
 * are relayed to the server ({@link ConnectionRelay}) for as long as this object lives: a client
 * that learnt the first port is never refused, and no connection meets a moment without a
 * listener. The server answers to both ports ({@code Host} and origin checks); the token is fixed
 * when the first port is bound.
 */
public final class OnDemandControlServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OnDemandControlServer.class);

    private final ControlServerBuilder options; // guarded by this
    private final ServerSocketChannel listener;
    private final InetSocketAddress address;
    private final String token;
    private Runnable onStart = () -> { }; // guarded by this
    private ControlServer server; // guarded by this
    private InetSocketAddress serverAddress; // guarded by this
    private boolean closed; // guarded by this

    private OnDemandControlServer(ControlServerBuilder options, ServerSocketChannel listener,
                                  InetSocketAddress address, String token) {
        this.options = options;
        this.listener = listener;
        this.address = address;
        this.token = token;
    }

    /** Binds the builder's port (the builder has validated it) and waits for the first connection. */
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
        b.token(token).port(0);
        b.relayPort = address.getPort();
        OnDemandControlServer control = new OnDemandControlServer(b, channel, address, token);
        Thread relay = new Thread(control::acceptAndRelay, "sideeye-control-standby");
        relay.setDaemon(true);
        relay.start();
        return control;
    }

    private void acceptAndRelay() {
        while (true) {
            SocketChannel client;
            try {
                client = listener.accept();
            } catch (ClosedChannelException e) {
                return; // closed
            } catch (IOException e) {
                LOG.warn("the control plane stopped accepting connections on {}: {}", address, e.toString());
                return;
            }
            InetSocketAddress target = serverAddress();
            if (target == null) {
                closeQuietly(client);
                return;
            }
            ConnectionRelay.relay(client, target, "sideeye-control-relay");
        }
    }

    /** The server's address, starting the server first if it is not running; null once closed or when it cannot start. */
    private InetSocketAddress serverAddress() {
        Runnable started;
        synchronized (this) {
            if (closed) {
                return null;
            }
            if (serverAddress != null) {
                return serverAddress;
            }
            try {
                server = ControlServer.launch(options);
            } catch (RuntimeException e) {
                LOG.warn("the control server could not be started for {}: {}", address, e.getMessage());
                closeQuietly(listener); // later clients are refused at once instead of waiting in the backlog
                return null;
            }
            serverAddress = new InetSocketAddress(address.getAddress(), server.port());
            started = onStart;
        }
        started.run();
        return serverAddress;
    }

    /**
     * Runs {@code action} once the first connection has started the server (on the thread that
     * accepted it, before that connection is relayed); from then on {@link #port()} is the
     * server's own port.
     */
    public synchronized void onStart(Runnable action) {
        this.onStart = action;
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

    /** The port to connect to: the first one until the server has started, then the server's own. */
    public synchronized int port() {
        return serverAddress != null ? serverAddress.getPort() : address.getPort();
    }

    /** The first port, bound at once and relayed to the server for as long as this object lives. */
    public int firstPort() {
        return address.getPort();
    }

    /** The access token (a secret: never log it). */
    public String token() {
        return token;
    }

    /** {@code http://127.0.0.1:<first port>/}. */
    public URI baseUrl() {
        return ControlServer.baseUrl(address.getAddress(), address.getPort());
    }

    /** Whether a connection has started the server. */
    public synchronized boolean started() {
        return server != null;
    }

    /** Stops listening, and the server if it started; ends every event stream. Does not stop the services. Idempotent. */
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

    private static void closeQuietly(Channel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing more to release
            }
        }
    }
}
