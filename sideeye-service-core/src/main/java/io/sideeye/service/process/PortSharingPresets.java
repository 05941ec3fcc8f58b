package io.sideeye.service.process;

import io.sideeye.service.ServerKind;
import java.util.ArrayList;
import java.util.List;

/**
 * How the WAITRESS and GUNICORN presets bind a port two generations can share: waitress through
 * {@code python -m sideeye_health.serve} (part of the {@code sideeye_health} package), which binds
 * it with {@code SO_REUSEPORT}; gunicorn with its own {@code --reuse-port}. Each may also serve a
 * private loopback port, so that the new generation's health is checked on a port the old one does
 * not answer.
 */
final class PortSharingPresets {
    /** The module that serves a WSGI application on a shared port with waitress. */
    static final String SERVE_MODULE = "sideeye_health.serve";

    private PortSharingPresets() {
    }

    /** Whether and how {@code server} run by {@code python} can share its port, for {@code request}. */
    static PortSharing of(ServerKind server, Interpreter python, CommandRequest request) {
        if (!request.sharePort()) {
            return PortSharing.not("zeroDowntimeRestart is off");
        }
        if (Platform.WINDOWS) {
            return PortSharing.not("Windows has no SO_REUSEPORT");
        }
        if (server == ServerKind.GUNICORN) {
            return PortSharing.by("SO_REUSEPORT through gunicorn --reuse-port");
        }
        if (!python.hasServer(SERVE_MODULE)) {
            return PortSharing.not(python.executable() + " cannot import " + SERVE_MODULE + " (install the"
                    + " sideeye-health package beside waitress, or put sideeye_health in the project folder)");
        }
        return PortSharing.by("SO_REUSEPORT through " + SERVE_MODULE);
    }

    /** The arguments after the interpreter: {@code -m <module> ... app}. */
    static List<String> arguments(ServerKind server, PortSharing sharing, String bind, int privatePort, String app) {
        List<String> args = new ArrayList<>();
        if (server == ServerKind.GUNICORN) {
            args.addAll(List.of("-m", "gunicorn", "--bind", bind));
            if (sharing.supported()) {
                args.add("--reuse-port");
                if (privatePort > 0) {
                    args.addAll(List.of("--bind", "127.0.0.1:" + privatePort));
                }
            }
        } else if (sharing.supported()) {
            args.addAll(List.of("-m", SERVE_MODULE, "--listen", bind));
            if (privatePort > 0) {
                args.addAll(List.of("--private-port", Integer.toString(privatePort)));
            }
        } else {
            args.addAll(List.of("-m", "waitress", "--listen=" + bind));
        }
        args.add(app);
        return args;
    }
}
