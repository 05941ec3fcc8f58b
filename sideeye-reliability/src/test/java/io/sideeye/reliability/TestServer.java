package io.sideeye.reliability;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The core's stdlib test server ({@code testserver.py}) run as the backend. Every launch carries
 * a unique marker argument so the process table shows exactly which processes are ours.
 */
final class TestServer {
    /** Debian's interpreter, present on every machine the build runs on. */
    static final String PYTHON = "/usr/bin/python3";

    private TestServer() {
    }

    /** The script, handed over by the build ({@code -Dtestserver.script}). */
    static Path script() {
        Path p = Path.of(System.getProperty("testserver.script",
                "../sideeye-service-core/src/test/resources/testserver/testserver.py")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(p + " is missing: run the suite through Maven from the project root");
        }
        return p;
    }

    /** A fresh marker: an argument no other process on the machine carries. */
    static String marker(String suite) {
        return suite + "-" + UUID.randomUUID();
    }

    /** The argv: the test server on {host}/{port}, printing its argv (with the marker) at startup. */
    static List<String> command(String marker, String... flags) {
        List<String> argv = new ArrayList<>(List.of(PYTHON, script().toString(), "--host", "{host}", "--port", "{port}",
                "--echo", marker));
        argv.addAll(List.of(flags));
        return argv;
    }

    /** A manager for the test server on a free port, with API calls relative to the server root. */
    static ServiceBuilder builder(String marker, String... flags) {
        return DjangoServiceManager.builder().command(command(marker, flags)).port(0).apiBasePath("");
    }
}
