package io.sideeye.cli.doctor;

import io.sideeye.service.ServiceConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** The doctor's {@code Port} check: free for a backend spawned here, listening for one run elsewhere. */
final class PortChecks {
    private PortChecks() {
    }

    /** The port a spawned backend will listen on: auto, free, or held by whom. */
    static CheckResult port(ServiceConfig config, PortOwner ports) {
        if (config.port() == 0) {
            return CheckResult.ok("Port", "auto: a free port is picked at each start");
        }
        String where = config.connectHost() + ":" + config.port();
        if (isFree(config.connectHost(), config.port())) {
            return CheckResult.ok("Port", where + " is free");
        }
        String holder = ports.of(config.port()).map(o -> "by " + o).orElse("by a process this user cannot see");
        return CheckResult.fail("Port", where + " is in use " + holder,
                "stop that process" + ports.of(config.port()).map(o -> " (kill " + o.pid() + ")").orElse("")
                        + ", or choose another port: 'port: auto' (or --port auto) picks a free one");
    }

    /** In development mode ({@code isDev}) the backend runs elsewhere: something must listen on its port. */
    static CheckResult devBackend(ServiceConfig config, PortOwner ports) {
        String where = config.connectHost() + ":" + config.port();
        if (!isFree(config.connectHost(), config.port())) {
            return CheckResult.ok("Port", where + " is listening (the external backend, isDev)"
                    + ports.of(config.port()).map(o -> ": " + o).orElse(""));
        }
        return CheckResult.fail("Port", "nothing listens on " + where + " (isDev expects the backend to run there)",
                "start your backend on that port (e.g. python manage.py runserver " + config.port() + "), or set isDev: false");
    }

    private static boolean isFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
