package io.sideeye.cli.doctor;

import io.sideeye.service.ServiceConfig;
import io.sideeye.service.net.PortProbe;
import io.sideeye.service.net.SocketPortProbe;

/**
 * The doctor's {@code Port} check: free for a backend spawned here, listening for one run
 * elsewhere. A port is tested by the manager's own probe ({@link SocketPortProbe}), so the doctor
 * calls free exactly the ports the manager would use.
 */
final class PortChecks {
    private static final PortProbe PROBE = new SocketPortProbe();

    private PortChecks() {
    }

    /** The port a spawned backend will listen on: auto, free, or held by whom. */
    static CheckResult port(ServiceConfig config, PortOwner ports) {
        if (config.port() == 0) {
            return CheckResult.ok("Port", "auto: a free port is picked at each start");
        }
        String where = config.connectHost() + ":" + config.port();
        if (PROBE.isFree(config.connectHost(), config.port())) {
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
        if (!PROBE.isFree(config.connectHost(), config.port())) {
            return CheckResult.ok("Port", where + " is listening (the external backend, isDev)"
                    + ports.of(config.port()).map(o -> ": " + o).orElse(""));
        }
        return CheckResult.fail("Port", "nothing listens on " + where + " (isDev expects the backend to run there)",
                "start your backend on that port (e.g. python manage.py runserver " + config.port() + "), or set isDev: false");
    }
}
