package io.sideeye.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sideeye.control.testkit.MiniServer;
import io.sideeye.service.DjangoServiceManager;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,000 concurrent event streams: all receive every event, in order, while the server serves
 * them with a couple of writer threads instead of one thread per subscriber.
 */
class SseFanOutIT {
    private static final int SUBSCRIBERS = 1000;
    private static final int EVENTS = 100;
    private static final String MARK = "event: django-service-status";

    @TempDir
    Path runtimeDir;

    /** One subscriber's connection: strips the response head and chunk framing, counts status events. */
    private static final class Reader {
        final SocketChannel channel;
        final StringBuilder raw = new StringBuilder();
        boolean headDone;
        int chunkLeft = -1; // -1: a chunk-size line is expected next
        String tail = "";
        int seen;

        Reader(SocketChannel channel) {
            this.channel = channel;
        }

        void consume(String text) {
            raw.append(text);
            while (raw.length() > 0) {
                if (!headDone) {
                    int end = raw.indexOf("\r\n\r\n");
                    if (end < 0) {
                        return;
                    }
                    raw.delete(0, end + 4);
                    headDone = true;
                } else if (chunkLeft < 0) {
                    int end = raw.indexOf("\r\n");
                    if (end < 0) {
                        return;
                    }
                    String line = raw.substring(0, end);
                    raw.delete(0, end + 2);
                    if (!line.isEmpty()) {
                        chunkLeft = Integer.parseInt(line.split(";")[0].trim(), 16);
                    }
                } else {
                    int take = Math.min(chunkLeft, raw.length());
                    body(raw.substring(0, take));
                    raw.delete(0, take);
                    chunkLeft -= take;
                    if (chunkLeft == 0) {
                        chunkLeft = -1; // the CRLF after the data reads as an empty size line
                    }
                }
            }
        }

        private void body(String text) {
            String s = tail + text;
            int i = 0;
            while ((i = s.indexOf(MARK, i)) >= 0) {
                seen++;
                i += MARK.length();
            }
            int keepFrom = Math.max(Math.max(0, s.length() - MARK.length()), s.lastIndexOf(MARK) < 0 ? 0
                    : s.lastIndexOf(MARK) + MARK.length());
            tail = s.substring(keepFrom);
        }
    }

    @Test
    void fansOutToAThousandStreamsWithAFewThreads() throws Exception {
        DjangoServiceManager manager = MiniServer.manager(runtimeDir).build(); // never started: a status source
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        try (ControlServer server = ControlServer.builder().start(); Selector selector = Selector.open()) {
            List<Reader> readers = new ArrayList<>();
            byte[] request = ("GET /ipc/events HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                    + "\r\nAuthorization: Bearer " + server.token() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < SUBSCRIBERS; i++) {
                SocketChannel ch = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
                ch.write(ByteBuffer.wrap(request));
                ch.configureBlocking(false);
                Reader r = new Reader(ch);
                ch.register(selector, SelectionKey.OP_READ, r);
                readers.add(r);
            }
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            Runnable pump = () -> pump(selector, buf);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                pump.run();
                return server.eventStreams() == SUBSCRIBERS && readers.stream().allMatch(r -> r.seen == 1);
            });
            int threadsWithStreams = ManagementFactory.getThreadMXBean().getThreadCount();

            long t0 = System.nanoTime();
            for (int i = 0; i < EVENTS; i++) {
                server.attach(i % 2 == 0 ? manager : null); // each change publishes one status event to all
            }
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(1))
                    .conditionEvaluationListener(c -> {
                        if (c.getRemainingTimeInMS() < 100) {
                            System.out.println("seen: " + readers.stream().mapToInt(r -> r.seen).summaryStatistics()
                                    + " streams " + server.eventStreams());
                        }
                    })
                    .until(() -> {
                        pump.run();
                        return readers.stream().allMatch(r -> r.seen == EVENTS + 1);
                    });
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("fan-out: %d streams x %d events delivered in %.3f s (%.0f events/s); "
                            + "JVM threads %d before, %d with all streams open; %d writer threads%n",
                    SUBSCRIBERS, EVENTS, seconds, SUBSCRIBERS * EVENTS / seconds, threadsBefore,
                    threadsWithStreams, server.eventWriterThreads());
            assertThat(server.eventWriterThreads()).isEqualTo(2);
            assertThat(threadsWithStreams - threadsBefore).isLessThan(20);
            for (Reader r : readers) {
                r.channel.close();
            }
        } finally {
            manager.close();
        }
    }

    private static void pump(Selector selector, ByteBuffer buf) {
        try {
            selector.selectNow();
            for (SelectionKey key : selector.selectedKeys()) {
                Reader r = (Reader) key.attachment();
                buf.clear();
                int n;
                while ((n = r.channel.read(buf)) > 0) {
                    buf.flip();
                    r.consume(StandardCharsets.UTF_8.decode(buf).toString());
                    buf.clear();
                }
            }
            selector.selectedKeys().clear();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
