package io.sideeye.cli.init;

import io.sideeye.service.ServerKind;
import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code sideeye init} was asked: each value null when it is to be found.
 *
 * @param projectDir  the folder of manage.py
 * @param python      the interpreter, or null to discover it
 * @param settings    the settings module, or null to read it from manage.py or find it
 * @param application the WSGI/ASGI application {@code module:attribute}, or null
 * @param server      the server kind, or null for {@code auto} (the ASGI application with uvicorn)
 * @param port        the port value for the file ({@code auto} or a number)
 * @param healthPath  the project's own health path, or null for sideeye_health's {@code /api/health/}
 * @param output      the file to write
 * @param force       whether an existing file may be replaced
 * @param env         this process's environment (PATH, VIRTUAL_ENV)
 */
public record InitRequest(Path projectDir, String python, String settings, String application, ServerKind server,
                          String port, String healthPath, Path output, boolean force, Map<String, String> env) {
}
