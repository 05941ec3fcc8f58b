package io.sideeye.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.control.testkit.MiniServer;
import io.sideeye.service.DjangoServiceManager;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trips of authenticated requests on one kept-alive connection; prints the figures. */
class RequestLatencyIT {
    private static final int WARMUP = 2000;
    private static final int SAMPLES = 5000;

    @TempDir
    Path runtimeDir;

    @Test
    void servesAuthenticatedStatusRequestsOnAKeptAliveConnection() throws Exception {
        try (DjangoServiceManager manager = MiniServer.manager(runtimeDir).build();
             ControlServer server = ControlServer.start(manager, 0, null);
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setTcpNoDelay(true);
            byte[] request = ("GET /ipc/django-service-status HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                    + "\r\nAuthorization: Bearer " + server.token() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            long[] nanos = new long[SAMPLES];
            for (int i = 0; i < WARMUP + SAMPLES; i++) {
                long t0 = System.nanoTime();
                out.write(request);
                out.flush();
                assertThat(readResponse(in)).contains("\"success\":true");
                if (i >= WARMUP) {
                    nanos[i - WARMUP] = System.nanoTime() - t0;
                }
            }
            Arrays.sort(nanos);
            System.out.printf("GET /ipc/django-service-status round trip over %d requests: p50 %.3f ms, p99 %.3f ms,"
                    + " max %.3f ms%n", SAMPLES, nanos[SAMPLES / 2] / 1e6, nanos[SAMPLES * 99 / 100] / 1e6,
                    nanos[SAMPLES - 1] / 1e6);
        }
    }

    private static String readResponse(InputStream in) throws Exception {
        int length = -1;
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                String l = line.toString().trim();
                line.setLength(0);
                if (l.isEmpty()) {
                    break;
                }
                if (l.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(l.substring(15).trim());
                }
            } else {
                line.append((char) c);
            }
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
