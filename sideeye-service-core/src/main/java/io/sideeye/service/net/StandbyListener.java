package io.sideeye.service.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PortHold} made of a listening socket bound with {@code SO_REUSEPORT} beside the
 * backend's own (Linux, macOS, BSD): the kernel completes the handshakes of the connections that
 * arrive while no backend listens and queues them in this socket's backlog. At hand-over the
 * queue is accepted, the socket closed, and each waiting connection relayed byte for byte to the
 * new backend on the same port by two daemon threads, until either side closes.
 */
final class StandbyListener implements PortHold {
    private static final Logger LOG = LoggerFactory.getLogger(StandbyListener.class);
    private static final int BACKLOG = 1024;
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private final ServerSocketChannel listener;
    private final InetSocketAddress address;

    private StandbyListener(ServerSocketChannel listener, InetSocketAddress address) {
        this.listener = listener;
        this.address = address;
    }

    /** Binds {@code host:port} beside the backend's socket, or {@link PortHold#NONE} where it cannot. */
    static PortHold open(String host, int port) {
        InetSocketAddress address = new InetSocketAddress(host, port);
        ServerSocketChannel channel = null;
        try {
            channel = ServerSocketChannel.open();
            if (!channel.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                channel.close();
                return NONE;
            }
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            channel.bind(address, BACKLOG);
            return new StandbyListener(channel, address);
        } catch (IOException | RuntimeException e) {
            LOG.debug("no standby listener on {}: {}", address, e.toString());
            closeQuietly(channel);
            return NONE;
        }
    }

    @Override
    public int handOver() {
        List<SocketChannel> waiting = new ArrayList<>();
        try {
            listener.configureBlocking(false);
            for (SocketChannel c = listener.accept(); c != null; c = listener.accept()) {
                waiting.add(c);
            }
        } catch (IOException e) {
            LOG.debug("accepting the connections waiting on {} failed: {}", address, e.toString());
        } finally {
            close();
        }
        for (SocketChannel client : waiting) {
            relay(client);
        }
        return waiting.size();
    }

    private void relay(SocketChannel client) {
        Thread t = new Thread(() -> {
            try (SocketChannel c = client; Socket backend = new Socket()) {
                c.configureBlocking(true);
                backend.connect(address, CONNECT_TIMEOUT_MS);
                // the socket adaptor's streams, unlike Channels', may read and write at the same time
                Thread up = pump(c.socket().getInputStream(), backend.getOutputStream(), backend, "up");
                pump(backend.getInputStream(), c.socket().getOutputStream(), null, "down").join();
                // the backend has answered and closed its side: the client sees the end at once, not
                // when the relay gives up waiting for the client's side
                c.shutdownOutput();
                up.join(1_000);
            } catch (IOException e) {
                LOG.debug("relaying a waiting connection to {} failed: {}", address, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sideeye-standby-relay");
        t.setDaemon(true);
        t.start();
    }

    /** Copies {@code in} to {@code out} until end of stream; then half-closes {@code backend}'s output. */
    private static Thread pump(InputStream in, OutputStream out, Socket backend, String way) {
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
        }, "sideeye-standby-relay-" + way);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void close() {
        closeQuietly(listener);
    }

    private static void closeQuietly(ServerSocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing more to release
            }
        }
    }
}
