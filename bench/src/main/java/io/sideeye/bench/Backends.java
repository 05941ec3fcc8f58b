package io.sideeye.bench;

import io.sideeye.service.net.SocketPortProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    /**
     * A free loopback port, picked as the manager picks one for {@code port(0)}: below the kernel's
     * ephemeral range, where none of the hundred outgoing health probes a second of the scale
     * section can take it as its local port before the backend binds it.
     */
    static int freePort() {
        try {
            return new SocketPortProbe().findFree("127.0.0.1");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
