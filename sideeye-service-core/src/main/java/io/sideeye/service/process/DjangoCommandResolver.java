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
 * An IPv6 host is written in brackets in {@code host:port}. The settings module (configured, or
 * read from {@code manage.py}) is passed as DJANGO_SETTINGS_MODULE. The WSGI application is the
 * configured one, else {@code <settings package>.wsgi:application}; uvicorn serves
 * {@code <settings package>.asgi:application} (another ASGI application needs a custom
 * command). The interpreter is found by {@link PythonDiscovery}; a server package it cannot
 * import is reported before anything is spawned.
 */
public final class DjangoCommandResolver implements CommandResolver {
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
                return new ResolvedCommand(argv, env, "Django runserver" + via, python.executable());
            }
            case WAITRESS, GUNICORN -> {
                String module = server == ServerKind.WAITRESS ? "waitress" : "gunicorn";
                requireServer(python, server, module);
                String app = application(request.wsgiApplication(), settings, project, "wsgi", server);
                argv.addAll(server == ServerKind.WAITRESS ? List.of("-m", module, "--listen=" + bind, app)
                        : List.of("-m", module, "--bind", bind, app));
                return new ResolvedCommand(argv, env, module + " serving " + app + via, python.executable());
            }
            case UVICORN -> {
                requireServer(python, server, "uvicorn");
                String app = application(null, settings, project, "asgi", server);
                argv.addAll(List.of("-m", "uvicorn", "--host", unbracketed(request.host()), "--port",
                        Integer.toString(request.port()), app));
                return new ResolvedCommand(argv, env, "uvicorn serving " + app + via, python.executable());
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
        List<String> argv = new ArrayList<>();
        for (String arg : request.command()) {
            String expanded = arg.replace("{host}", unbracketed(request.host()))
                    .replace("{port}", Integer.toString(request.port()));
            argv.add(python == null ? expanded : expanded.replace("{python}", python));
        }
        Map<String, String> env = new HashMap<>();
        if (request.settingsModule() != null && !request.settingsModule().isBlank()) {
            env.put("DJANGO_SETTINGS_MODULE", request.settingsModule());
        }
        return new ResolvedCommand(argv, env, "custom command " + argv.get(0), python);
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

    /** {@code host:port}, with an IPv6 host in brackets. */
    static String hostPort(String host, int port) {
        String bare = unbracketed(host);
        return (bare.contains(":") ? "[" + bare + "]" : bare) + ":" + port;
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
