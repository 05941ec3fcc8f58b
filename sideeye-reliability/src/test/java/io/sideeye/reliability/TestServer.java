package io.sideeye.reliability;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceBuilder;
import io.sideeye.testsupport.StdlibTestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The core's stdlib test server ({@code testserver.py}) run as the backend. Every launch carries
 * a unique marker argument so the process table shows exactly which processes are ours.
 */
final class TestServer {
    private TestServer() {
    }

    /** A fresh marker: an argument no other process on the machine carries. */
    static String marker(String suite) {
        return suite + "-" + UUID.randomUUID();
    }

    /** The argv: the test server on {host}/{port}, printing its argv (with the marker) at startup. */
    static List<String> command(String marker, String... flags) {
        List<String> echoAndFlags = new ArrayList<>(List.of("--echo", marker));
        echoAndFlags.addAll(List.of(flags));
        return StdlibTestServer.command(echoAndFlags.toArray(String[]::new));
    }

    /** A manager for the test server on a free port, with API calls relative to the server root. */
    static ServiceBuilder builder(String marker, String... flags) {
        return DjangoServiceManager.builder().command(command(marker, flags)).port(0).apiBasePath("");
    }
}
