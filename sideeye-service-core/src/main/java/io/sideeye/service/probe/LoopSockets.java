package io.sideeye.service.probe;

import io.sideeye.service.http.Failures;
import io.sideeye.service.http.HttpReply;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * The exchanges of a {@link ProbeLoop} with its own thread: a fresh non-blocking connection per
 * check, the request of {@link ProbeRequest} written and the answer read by
 * {@link ResponseReader} as the selector reports them ready. Runs on the loop's thread only.
 */
final class LoopSockets {
    private static final int READ_CHUNK = 8192;
    /** Head, framing and trailers an answer may add to its body's cap before it is refused unread. */
    private static final int FRAMING_ALLOWANCE = 2 * ResponseReader.MAX_HEAD_BYTES;

    private final ProbeLoop loop;
    private final ByteBuffer scratch = ByteBuffer.allocate(READ_CHUNK);

    LoopSockets(ProbeLoop loop) {
        this.loop = loop;
    }

    /** Connects for {@code c} (already counted as active) and writes its request once connected. */
    void start(Selector s, LoopCheck c) {
        try {
            c.request = ByteBuffer.wrap(ProbeRequest.encode(c.call));
            String host = c.call.uri().getHost();
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port = c.call.uri().getPort() == -1 ? 80 : c.call.uri().getPort();
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(host), port); // a literal: no lookup
            // a socket of the address's own family: an IPv4 address on a dual-stack IPv6 socket
            // costs an option call and the kernel's mapping path on every check
            SocketChannel channel = SocketChannel.open(address.getAddress() instanceof Inet4Address
                    ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
            c.channel = channel;
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            // on loopback the handshake is usually over when connect returns: finish it at once
            // rather than after a round through the selector
            if (channel.connect(address) || channel.finishConnect()) {
                c.key = channel.register(s, 0, c);
                write(c);
            } else {
                c.key = channel.register(s, SelectionKey.OP_CONNECT, c);
            }
        } catch (IOException | RuntimeException e) {
            loop.finish(c, null, Failures.ofSocket(e, c.call.timeout()));
        }
    }

    /** Continues the exchange the selector reported ready. */
    void ready(SelectionKey key) {
        LoopCheck c = (LoopCheck) key.attachment();
        if (!key.isValid() || c.channel == null) {
            return;
        }
        try {
            if (key.isConnectable()) {
                c.channel.finishConnect();
                write(c);
            } else if (key.isWritable()) {
                write(c);
            } else if (key.isReadable()) {
                read(c);
            }
        } catch (IOException | RuntimeException e) {
            loop.finish(c, null, Failures.ofSocket(e, c.call.timeout()));
        }
    }

    private void write(LoopCheck c) throws IOException {
        c.channel.write(c.request);
        c.key.interestOps(c.request.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    private void read(LoopCheck c) throws IOException {
        boolean ended = false;
        while (true) {
            scratch.clear();
            int n = c.channel.read(scratch);
            if (n < 0) {
                ended = true;
                break;
            }
            if (n == 0) {
                break;
            }
            c.append(scratch.array(), n);
            if (c.size > c.call.maxResponseBytes() + FRAMING_ALLOWANCE) {
                throw Failures.tooLarge(c.call.maxResponseBytes(), -1);
            }
        }
        boolean head = c.call.method().equalsIgnoreCase("HEAD");
        try {
            HttpReply reply = ResponseReader.read(DeadlineInput.received(c.received, c.size, ended), head,
                    c.call.maxResponseBytes(), c.start);
            loop.finish(c, reply, null);
        } catch (DeadlineInput.Incomplete more) {
            // wait for the rest
        }
    }
}
