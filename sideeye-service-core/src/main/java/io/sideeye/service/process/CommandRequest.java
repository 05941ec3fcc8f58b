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
 */
public record CommandRequest(String python, Path projectDir, ServerKind server, String settingsModule,
                             String wsgiApplication, List<String> command, String host, int port,
                             Map<String, String> environment) {
    public CommandRequest {
        command = List.copyOf(command);
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }

    /** A request without extra environment. */
    public CommandRequest(String python, Path projectDir, ServerKind server, String settingsModule,
                          String wsgiApplication, List<String> command, String host, int port) {
        this(python, projectDir, server, settingsModule, wsgiApplication, command, host, port, Map.of());
    }
}
