package io.sideeye.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The scale section's floor: the health GETs alone, without any supervision. One thread sends
 * {@code GET /api/health/} over a new connection to each port once a second (spread evenly over
 * the second) and reads each answer to its end, as the manager's probe does. Runs in its own
 * JVM (role {@code bare-gets PORT...}) until its standard input closes.
 */
final class BareGets {
    private BareGets() {}

    static void run(int[] ports) throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        Thread stdin = new Thread(() -> {
            try {
                System.in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // closed: stop
            }
            done.set(true);
        });
        stdin.setDaemon(true);
        stdin.start();
        byte[] buffer = new byte[8192];
        boolean announced = false;
        while (!done.get()) {
            long start = System.nanoTime();
            for (int i = 0; i < ports.length && !done.get(); i++) {
                get(ports[i], buffer);
                long next = start + (i + 1) * 1_000_000_000L / ports.length;
                long wait = next - System.nanoTime();
                if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            if (!announced) {
                System.out.println("READY");
                System.out.flush();
                announced = true;
            }
        }
    }

    private static void get(int port, byte[] buffer) {
        try (Socket s = new Socket(Proxy.NO_PROXY)) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(2000);
            s.getOutputStream().write(("GET /api/health/ HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            while (in.read(buffer) >= 0) {
                // read the whole answer, as a health check does
            }
        } catch (IOException e) {
            // a missed GET costs less, which only lowers the floor
        }
    }
}
