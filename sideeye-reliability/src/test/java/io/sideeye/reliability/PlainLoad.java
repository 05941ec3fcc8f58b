package io.sideeye.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Plain HTTP clients (not {@code apiCall}: no retry, no pool) sending {@code GET /} back to back
 * to a port, each request on a new connection, and counting what they see: answers (and the pid
 * each names, for the light application of {@code src/test/resources/lightapp}), and failures by
 * kind: {@code refused}, {@code reset} (reset, or closed without an answer), {@code timeout},
 * {@code HTTP <status>} or {@code other}. A client whose request failed pauses 10 ms before its
 * next one, so a refusing port is not hammered.
 */
final class PlainLoad implements AutoCloseable {
    private static final int TIMEOUT_MS = 5_000;
    private static final long FAILED_PAUSE_MS = 10;
    private static final byte[] REQUEST = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.ISO_8859_1);

    private final int port;
    private final List<Thread> clients = new ArrayList<>();
    private final LongAdder answered = new LongAdder();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final Set<Long> pids = ConcurrentHashMap.newKeySet();
    private final List<String> firstFailures = Collections.synchronizedList(new ArrayList<>());
    private final List<long[]> latencies = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean running = true;

    /** Starts {@code clients} client threads against {@code 127.0.0.1:port}. */
    PlainLoad(int port, int clients) {
        this.port = port;
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(this::loop, "plain-load-" + i);
            t.setDaemon(true);
            this.clients.add(t);
            t.start();
        }
    }

    private void loop() {
        long[] mine = new long[1 << 16];
        int n = 0;
        long began = System.nanoTime();
        while (running) {
            long t0 = System.nanoTime();
            String failure = request();
            if (failure == null) {
                answered.increment();
                if (n == mine.length) {
                    mine = Arrays.copyOf(mine, n * 2);
                }
                mine[n++] = System.nanoTime() - t0;
            } else {
                failures.computeIfAbsent(failure, k -> new LongAdder()).increment();
                if (firstFailures.size() < 10) {
                    firstFailures.add(String.format("%s after %.3f s", failure, (t0 - began) / 1e9));
                }
                pause();
            }
        }
        latencies.add(Arrays.copyOf(mine, n));
    }

    /** One request: null when answered 200, else the kind of failure. */
    private String request() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            s.getOutputStream().write(REQUEST);
            s.getOutputStream().flush();
            String answer = readAll(s.getInputStream());
            int headEnd = answer.indexOf("\r\n\r\n");
            if (headEnd < 0) {
                return "reset";
            }
            if (!answer.startsWith("HTTP/1.1 200") && !answer.startsWith("HTTP/1.0 200")) {
                return "HTTP " + answer.substring(9, Math.min(12, answer.length()));
            }
            String body = answer.substring(headEnd + 4).trim();
            if (!body.isEmpty() && body.chars().allMatch(Character::isDigit)) {
                pids.add(Long.parseLong(body));
            }
            return null;
        } catch (ConnectException e) {
            return "refused";
        } catch (SocketTimeoutException e) {
            return "timeout";
        } catch (SocketException e) {
            String m = String.valueOf(e.getMessage()).toLowerCase();
            return m.contains("reset") || m.contains("broken pipe") || m.contains("abort") ? "reset" : "other";
        } catch (IOException e) {
            return "other";
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int r;
        while ((r = in.read(buf)) > 0) {
            out.write(buf, 0, r);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(FAILED_PAUSE_MS); // pacing of a failed client, not a wait for a condition
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Requests answered with 200 so far. */
    long answered() {
        return answered.sum();
    }

    /** Failed requests so far by kind, sorted by kind. */
    Map<String, Long> failures() {
        Map<String, Long> out = new TreeMap<>();
        failures.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Failed requests so far, every kind. */
    long failed() {
        return failures.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Up to 10 of the first failures, with the time since the clients began. */
    List<String> firstFailures() {
        synchronized (firstFailures) {
            return List.copyOf(firstFailures);
        }
    }

    /** The distinct pids that answered: one per generation that served a request. */
    int generationsSeen() {
        return pids.size();
    }

    /** The {@code q} quantile (0-1) of the answered requests' latency in milliseconds; valid after {@link #close()}. */
    double latencyMs(double q) {
        long[] all;
        synchronized (latencies) {
            all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        }
        return all.length == 0 ? Double.NaN : all[(int) Math.min(all.length - 1, Math.floor(all.length * q))] / 1e6;
    }

    /** Stops the clients and waits for their requests under way to end. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : clients) {
            t.join(TIMEOUT_MS * 2L);
        }
    }
}
