package io.sideeye.cli.init;

import java.nio.file.Path;
import java.util.Locale;

/** The commented {@code sideeye.yaml} that {@code sideeye init} writes for a project. */
final class ConfigTemplate {
    private ConfigTemplate() {
    }

    /** The file's text; paths are written relative to {@code fileDir} when they lie beneath it. */
    static String render(ProjectFacts f, Path fileDir) {
        String server = f.server().name().toLowerCase(Locale.ROOT);
        return "# sideeye.yaml for the Django project in " + f.projectDir() + ", written by `sideeye init`.\n"
                + "# Check it with `sideeye doctor`, run the backend with `sideeye run`. Every key and its\n"
                + "# default: docs/CONFIG.md. Paths are relative to this file's folder.\n"
                + "\n"
                + "# The folder of manage.py.\n"
                + "projectDir: " + quote(relative(fileDir, f.projectDir())) + "\n"
                + "# The interpreter (" + f.pythonOrigin() + "; " + f.pythonSummary() + ").\n"
                + "python: " + quote(relative(fileDir, Path.of(f.python()))) + "\n"
                + "# DJANGO_SETTINGS_MODULE (" + f.settingsOrigin() + ").\n"
                + "settingsModule: " + f.settings() + "\n"
                + "# Installed servers: " + f.servers() + ".\n"
                + "# auto = waitress when it is installed, else manage.py runserver; or waitress, gunicorn,\n"
                + "# uvicorn (ASGI), runserver.\n"
                + "server: " + server + "\n"
                + "# The " + (f.asgi() ? "ASGI" : "WSGI") + " application the server runs.\n"
                + "wsgiApplication: " + f.application() + "\n"
                + "# auto: a free port at each start (the URL is printed); or a fixed one such as 8000.\n"
                + "port: " + f.port() + "\n"
                + "# The health endpoint the manager polls (served by " + f.healthView() + ").\n"
                + "healthPath: " + quote(f.healthPath()) + "\n"
                + "\n"
                + "# Restarts and timeouts, at their defaults: uncomment to change.\n"
                + "# maxRestartAttempts: 3\n"
                + "# restartDelay: 2s\n"
                + "# healthCheckInterval: 10s\n"
                + "# unhealthyThreshold: 3\n"
                + "# startupTimeout: 30s\n"
                + "# shutdownTimeout: 10s\n"
                + "\n"
                + "# Extra environment variables for the backend:\n"
                + "# environment:\n"
                + "#   MY_SETTING: value\n";
    }

    private static String relative(Path fileDir, Path target) {
        Path dir = fileDir.toAbsolutePath().normalize();
        Path abs = target.toAbsolutePath().normalize();
        if (abs.equals(dir)) {
            return ".";
        }
        return abs.startsWith(dir) ? dir.relativize(abs).toString().replace('\\', '/') : abs.toString();
    }

    /** A YAML scalar: plain when safe, else double-quoted. */
    static String quote(String value) {
        if (value.matches("[A-Za-z0-9_./][A-Za-z0-9_./:+-]*") && !value.endsWith(":")) {
            return value;
        }
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
