package io.sideeye.cli.init;

import io.sideeye.service.ServerKind;
import java.nio.file.Path;

/**
 * What {@code sideeye init} found for a project, as written to {@code sideeye.yaml}.
 *
 * @param projectDir     the folder of manage.py
 * @param python         the interpreter that imports Django
 * @param pythonOrigin   how it was found, e.g. {@code .venv in the project}
 * @param pythonSummary  e.g. {@code Python 3.11.2, Django 3.2.25}
 * @param settings       the settings module
 * @param settingsOrigin how it was found, e.g. {@code read from manage.py}
 * @param settingsFile   the file of the settings module
 * @param application    {@code module:attribute} of the WSGI or ASGI application
 * @param asgi           whether {@code application} is an ASGI application
 * @param server         the server kind
 * @param servers        the servers installed, e.g. {@code waitress 2.1.2, gunicorn not installed}
 * @param port           the port value, e.g. {@code auto}
 * @param healthPath     the health path
 * @param healthView     the view that serves it
 * @param ownHealthPath  whether the health path is the project's own ({@code --health-path})
 */
public record ProjectFacts(Path projectDir, String python, String pythonOrigin, String pythonSummary, String settings,
                           String settingsOrigin, String settingsFile, String application, boolean asgi,
                           ServerKind server, String servers, String port, String healthPath, String healthView,
                           boolean ownHealthPath) {
}
