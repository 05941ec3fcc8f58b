package io.sideeye.service.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PortHold} made of a listening socket bound with {@code SO_REUSEPORT} beside the
 * backend's own (Linux, macOS, BSD): the kernel completes the handshakes of the connections that
 * arrive while no backend listens and queues them in this socket's backlog. At hand-over the
 * queue is accepted, the socket closed, and each waiting connection relayed to the new backend on
 * the same port ({@link ConnectionRelay}).
 */
final class StandbyListener implements PortHold {
    private static final Logger LOG = LoggerFactory.getLogger(StandbyListener.class);
    private static final int BACKLOG = 1024;

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
        List<SocketChannel> waiting = ConnectionRelay.acceptWaiting(listener);
        close();
        for (SocketChannel client : waiting) {
            ConnectionRelay.relay(client, address, "sideeye-standby-relay");
        }
        return waiting.size();
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
