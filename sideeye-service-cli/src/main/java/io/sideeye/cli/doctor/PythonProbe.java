package io.sideeye.cli.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.service.ServiceJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Asks one Python interpreter what it has: its version, Django, the servers (waitress,
 * gunicorn, uvicorn) and, given a project, whether the settings load and which view serves the
 * health path. One short process per question set, argv only, with a time limit.
 */
public final class PythonProbe {
    private static final String SCRIPT = load();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /**
     * What an interpreter reported.
     *
     * @param interpreter the interpreter as given
     * @param report      the probe's JSON, or null when it could not run
     * @param failure     why it could not run, or null
     */
    public record Finding(String interpreter, JsonNode report, String failure) {
        /** Whether Django can be imported. */
        public boolean hasDjango() {
            return report != null && report.hasNonNull("django");
        }

        /** A short description: {@code Python 3.11.2, Django 3.2.25}, or what went wrong. */
        public String summary() {
            if (report == null) {
                return failure;
            }
            String python = "Python " + report.path("python").asText();
            return hasDjango() ? python + ", Django " + report.path("django").asText()
                    : python + ", no Django (" + report.path("djangoError").asText() + ")";
        }

        /** The version of server module {@code name}, or null when it is not installed. */
        public String server(String name) {
            JsonNode v = report == null ? null : report.path("servers").get(name);
            return v == null || v.isNull() ? null : v.asText();
        }
    }

    private PythonProbe() {
    }

    /** Probes an interpreter for Python, Django and the servers. */
    public static Finding probe(String python, Path workingDir, Map<String, String> env) {
        return run(python, List.of(), workingDir, env);
    }

    /** Probes an interpreter and loads the project's settings, resolving {@code healthPath}. */
    public static Finding probeProject(String python, Path projectDir, String settingsModule, String healthPath,
                                       Map<String, String> env) {
        return run(python, List.of(projectDir.toAbsolutePath().toString(), settingsModule, healthPath), projectDir, env);
    }

    private static Finding run(String python, List<String> args, Path dir, Map<String, String> env) {
        List<String> argv = new ArrayList<>(List.of(python, "-c", SCRIPT));
        argv.addAll(args);
        ProcessRunner.Result result = ProcessRunner.run(argv, dir, env, TIMEOUT);
        if (result.failure() != null) {
            return new Finding(python, null, result.failure());
        }
        String last = result.stdout().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse(null);
        if (result.exitCode() != 0 || last == null) {
            return new Finding(python, null, "exited with " + result.exitCode()
                    + (result.lastErrorLine().isEmpty() ? "" : ": " + result.lastErrorLine()));
        }
        try {
            return new Finding(python, ServiceJson.reader().readTree(last), null);
        } catch (IOException e) {
            return new Finding(python, null, "answered unreadably: " + last);
        }
    }

    private static String load() {
        try (InputStream in = PythonProbe.class.getResourceAsStream("probe.py")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("probe.py is missing from the sideeye jar", e));
        }
    }
}
