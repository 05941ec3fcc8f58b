package io.sideeye.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The backend commands measured: the reference Django backend under waitress and the stdlib test server. */
final class Backends {
    final Path root;
    final Path backendDir;
    final Path testServer;
    final String backendPython;

    Backends(Path root) {
        this.root = root;
        this.backendDir = root.resolve("backend");
        this.testServer = root.resolve("sideeye-service-core/src/test/resources/testserver/testserver.py");
        this.backendPython = backendDir.resolve(".venv/bin/python").toString();
        if (!Files.isExecutable(Path.of(backendPython))) {
            throw new IllegalStateException("No Python for the backend at " + backendPython + "; run scripts/setup-python first");
        }
    }

    /** The Django backend under waitress on {@code port}; {@code {port}} left in when port is negative. */
    List<String> django(int port) {
        String p = port < 0 ? "{port}" : Integer.toString(port);
        return List.of(backendPython, "-m", "waitress", "--listen=127.0.0.1:" + p, "sideeye_backend.wsgi:application");
    }

    /** The stdlib test server on {@code port} with extra flags. */
    List<String> testServer(int port, String... flags) {
        List<String> argv = new ArrayList<>(List.of("/usr/bin/python3", testServer.toString(), "--port",
                port < 0 ? "{port}" : Integer.toString(port)));
        argv.addAll(List.of(flags));
        return argv;
    }

    /** The next candidate port, counting up from a random start below the ephemeral range. */
    private static final java.util.concurrent.atomic.AtomicInteger NEXT_PORT =
            new java.util.concurrent.atomic.AtomicInteger(new java.util.Random().nextInt(4000));

    /**
     * A free loopback port below the kernel's ephemeral range. A port from bind(0) lies inside
     * that range, where, in the ~100 ms until the backend binds it, an outgoing connection
     * (such as one of the hundred health probes a second in the scale section) can take it as
     * its local port and make the backend fail with "address in use".
     */
    static int freePort() {
        int low = ephemeralLow();
        int span = Math.max(1, low - 20_000);
        for (int tries = 0; tries < span; tries++) {
            int port = 20_000 + Math.floorMod(NEXT_PORT.getAndIncrement(), span);
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
                return port;
            } catch (IOException busy) {
                // taken: try the next one
            }
        }
        throw new UncheckedIOException(new IOException("No free loopback port between 20000 and " + low));
    }

    private static int ephemeralLow() {
        try {
            // one buffered read: this sysctl file answers a read at a non-zero offset with end-of-file
            return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0)
                    .trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768; // Linux's default
        }
    }
}
