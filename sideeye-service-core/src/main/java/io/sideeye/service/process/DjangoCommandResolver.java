package io.sideeye.service.process;

import io.sideeye.service.ServerKind;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Makes the argv of a Django backend.
 *
 * <p>A custom {@code command} is taken as it is, with {@code {host}}, {@code {port}} and
 * {@code {python}} expanded in every element and nothing else interpreted; {@code {python}} is
 * the configured interpreter as it is (the backend need not be Django), else the discovered one.
 * Otherwise the server preset decides:
 * <ul>
 * <li>RUNSERVER: {@code python <project>/manage.py runserver --noreload host:port};</li>
 * <li>WAITRESS: {@code python -m waitress --listen=host:port <wsgi app>};</li>
 * <li>GUNICORN: {@code python -m gunicorn --bind host:port <wsgi app>} (not on Windows);</li>
 * <li>UVICORN: {@code python -m uvicorn --host host --port port <asgi app>};</li>
 * <li>AUTO: WAITRESS when the interpreter can import it, else RUNSERVER.</li>
 * </ul>
 * With {@link CommandRequest#sharePort()}, WAITRESS runs {@code python -m sideeye_health.serve --listen
 * host:port [--private-port N] <wsgi app>} when the interpreter can import it, and GUNICORN adds
 * {@code --reuse-port} (and {@code --bind 127.0.0.1:N}), so that a new generation can bind the port
 * beside the old one (see {@link PortSharingPresets}); {@link ResolvedCommand#sharing()} says whether
 * and how, or why not. A custom command declares it shares its port by containing
 * {@code {privatePort}}.
 * An IPv6 host is written in brackets in {@code host:port}. The settings module (configured, or
 * read from {@code manage.py}) is passed as DJANGO_SETTINGS_MODULE. The WSGI application is the
 * configured one, else {@code <settings package>.wsgi:application}; uvicorn serves
 * {@code <settings package>.asgi:application} (another ASGI application needs a custom
 * command). The interpreter is found by {@link PythonDiscovery}; a server package it cannot
 * import is reported before anything is spawned.
 */
public final class DjangoCommandResolver implements CommandResolver {
    /** The placeholder of a custom command that binds its port with SO_REUSEPORT and serves a private port. */
    static final String PRIVATE_PORT = "{privatePort}";

    private final PythonDiscovery discovery;

    /** A resolver that probes interpreters on this machine (results are cached within the JVM). */
    public DjangoCommandResolver() {
        this(PythonDiscovery.system());
    }

    DjangoCommandResolver(PythonDiscovery discovery) {
        this.discovery = discovery;
    }

    @Override
    public ResolvedCommand resolve(CommandRequest request) throws CommandResolutionException {
        if (!request.command().isEmpty()) {
            return custom(request);
        }
        Interpreter python = discovery.find(request.python(), request.projectDir(), request.environment());
        DjangoProject project = new DjangoProject(request.projectDir());
        ServerKind server = request.server() == ServerKind.AUTO
                ? (python.hasServer("waitress") ? ServerKind.WAITRESS : ServerKind.RUNSERVER)
                : request.server();
        String settings = request.settingsModule() != null && !request.settingsModule().isBlank()
                ? request.settingsModule()
                : project.settingsFromManagePy().orElse(null);
        Map<String, String> env = settings == null ? Map.of() : Map.of("DJANGO_SETTINGS_MODULE", settings);
        String bind = hostPort(request.host(), request.port());
        String via = " with " + python.executable() + " (Django " + python.djangoVersion() + ")";

        List<String> argv = new ArrayList<>(python.command());
        switch (server) {
            case RUNSERVER -> {
                argv.addAll(List.of(project.requireManagePy("server RUNSERVER").toString(), "runserver", "--noreload",
                        bind));
                return new ResolvedCommand(argv, env, "Django runserver" + via, python.executable(),
                        unshared(request, "Django runserver binds its port alone"));
            }
            case WAITRESS, GUNICORN -> {
                String module = server == ServerKind.WAITRESS ? "waitress" : "gunicorn";
                requireServer(python, server, module);
                String app = application(request.wsgiApplication(), settings, project, "wsgi", server);
                PortSharing sharing = PortSharingPresets.of(server, python, request);
                argv.addAll(PortSharingPresets.arguments(server, sharing, bind, request.privatePort(), app));
                String serving = sharing.supported() && server == ServerKind.WAITRESS ? "waitress (sideeye_health.serve)"
                        : module;
                return new ResolvedCommand(argv, env, serving + " serving " + app + via, python.executable(), sharing);
            }
            case UVICORN -> {
                requireServer(python, server, "uvicorn");
                String app = application(null, settings, project, "asgi", server);
                argv.addAll(List.of("-m", "uvicorn", "--host", unbracketed(request.host()), "--port",
                        Integer.toString(request.port()), app));
                return new ResolvedCommand(argv, env, "uvicorn serving " + app + via, python.executable(),
                        unshared(request, "uvicorn binds its port alone (it shares one only through --fd, from a"
                                + " process that holds the socket)"));
            }
            default -> throw new IllegalStateException("unhandled server " + server);
        }
    }

    private ResolvedCommand custom(CommandRequest request) throws CommandResolutionException {
        boolean needsPython = request.command().stream().anyMatch(a -> a.contains("{python}"));
        String python = null;
        if (needsPython && request.python() != null && !request.python().isBlank()) {
            python = discovery.locateConfigured(request.python(), request.projectDir()).get(0);
        } else if (needsPython) {
            python = discovery.find(null, request.projectDir(), request.environment()).executable();
        }
        boolean declaresSharing = request.command().stream().anyMatch(a -> a.contains(PRIVATE_PORT));
        List<String> argv = new ArrayList<>();
        for (String arg : request.command()) {
            String expanded = arg.replace("{host}", unbracketed(request.host()))
                    .replace("{port}", Integer.toString(request.port()))
                    .replace(PRIVATE_PORT, Integer.toString(request.privatePort()));
            argv.add(python == null ? expanded : expanded.replace("{python}", python));
        }
        Map<String, String> env = new HashMap<>();
        if (request.settingsModule() != null && !request.settingsModule().isBlank()) {
            env.put("DJANGO_SETTINGS_MODULE", request.settingsModule());
        }
        PortSharing sharing = declaresSharing ? unshared(request, null)
                : unshared(request, "a custom command is not known to share its port (one that binds it with"
                        + " SO_REUSEPORT and serves a private port says so with " + PRIVATE_PORT + ")");
        return new ResolvedCommand(argv, env, "custom command " + argv.get(0), python, sharing);
    }

    /**
     * The configured application, or the one beside the settings module; without either there is
     * nothing to serve.
     */
    private static String application(String configured, String settings, DjangoProject project, String kind,
                                      ServerKind server) throws CommandResolutionException {
        if (configured != null && !configured.isBlank() && kind.equals("wsgi")) {
            return configured;
        }
        if (settings == null) {
            throw new CommandResolutionException("server " + server + " needs the settings module to find the "
                    + kind.toUpperCase(Locale.ROOT) + " application, but "
                    + (Files.isRegularFile(project.managePy())
                            ? project.managePy() + " does not set DJANGO_SETTINGS_MODULE"
                            : project.managePy() + " does not exist")
                    + "; set projectDir to the folder that contains manage.py, or set settingsModule"
                    + (kind.equals("wsgi") ? " (or wsgiApplication)" : ""));
        }
        return project.applicationFor(settings, kind);
    }

    private static void requireServer(Interpreter python, ServerKind server, String module)
            throws CommandResolutionException {
        if (server == ServerKind.GUNICORN && Platform.WINDOWS) {
            throw new CommandResolutionException("server GUNICORN does not run on Windows; choose WAITRESS or UVICORN");
        }
        if (!python.hasServer(module)) {
            throw new CommandResolutionException("server " + server + " needs the Python package '" + module + "', which "
                    + python.executable() + " cannot import; install it ('" + python.executable() + " -m pip install "
                    + module + "') or choose server RUNSERVER");
        }
    }

    /**
     * Why a command does not share its port: {@code zeroDowntimeRestart} is off, or {@code why}; a null
     * {@code why} means it does, as its command declares.
     */
    private static PortSharing unshared(CommandRequest request, String why) {
        if (!request.sharePort()) {
            return PortSharing.not("zeroDowntimeRestart is off");
        }
        return why == null ? PortSharing.by("SO_REUSEPORT by the custom command (" + PRIVATE_PORT + ")")
                : PortSharing.not(why);
    }

    /** {@code host:port}, with an IPv6 host in brackets. */
    static String hostPort(String host, int port) {
        String bare = unbracketed(host);
        return (bare.contains(":") ? "[" + bare + "]" : bare) + ":" + port;
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
