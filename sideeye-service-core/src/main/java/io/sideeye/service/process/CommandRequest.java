package io.sideeye.service.process;

import io.sideeye.service.ServerKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The inputs of {@link CommandResolver}.
 *
 * @param python          the configured interpreter, or null to discover one
 * @param projectDir      the Django project folder
 * @param server          the server preset, used when {@code command} is empty
 * @param settingsModule  DJANGO_SETTINGS_MODULE, or null to read it from {@code manage.py}
 * @param wsgiApplication {@code module:attribute}, or null to derive it from the settings package
 * @param command         custom argv with {@code {host}}, {@code {port}}, {@code {python}} placeholders; empty = none
 * @param host            the host to bind (already mapped: {@code localhost} becomes 127.0.0.1)
 * @param port            the port to bind
 * @param environment     the configured extra environment of the backend; interpreters are probed
 *                        with it, since it may decide where Django is found (e.g. PYTHONPATH).
 *                        Not per-launch values such as the API token: probe results are cached
 *                        per environment
 * @param sharePort       whether to bind the port so that a second generation can share it, where the server
 *                        can ({@code zeroDowntimeRestart}); see {@link ResolvedCommand#sharing()}
 * @param privatePort     with {@code sharePort}: a loopback port served by this generation only, for the
 *                        health checks of a new generation while the old one still serves the shared port;
 *                        0 for none
 */
public record CommandRequest(String python, Path projectDir, ServerKind server, String settingsModule,
                             String wsgiApplication, List<String> command, String host, int port,
                             Map<String, String> environment, boolean sharePort, int privatePort) {
    public CommandRequest {
        command = List.copyOf(command);
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }

    /** A request for a command that binds its port alone. */
    public CommandRequest(String python, Path projectDir, ServerKind server, String settingsModule,
                          String wsgiApplication, List<String> command, String host, int port,
                          Map<String, String> environment) {
        this(python, projectDir, server, settingsModule, wsgiApplication, command, host, port, environment, false, 0);
    }

    /** A request without extra environment. */
    public CommandRequest(String python, Path projectDir, ServerKind server, String settingsModule,
                          String wsgiApplication, List<String> command, String host, int port) {
        this(python, projectDir, server, settingsModule, wsgiApplication, command, host, port, Map.of());
    }
}
