package io.sideeye.cli.init;

import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.cli.doctor.ProcessRunner;
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
 * What a project's interpreter reports about the project once its settings are loaded: the
 * settings and URL files, whether {@code sideeye_health} is importable and wired in, what serves
 * the health path, the WSGI and ASGI applications, DEBUG and ALLOWED_HOSTS. Read by one short
 * Python process ({@code inspect.py}), argv only, with a time limit.
 *
 * @param json the report
 */
record ProjectReport(JsonNode json) {
    private static final String SCRIPT = load();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Runs the inspection; a problem when the interpreter cannot run it at all. */
    static ProjectReport inspect(String python, Path projectDir, String settings, String healthPath,
                                 Map<String, String> env) throws InitProblem {
        List<String> argv = new ArrayList<>(List.of(python, "-c", SCRIPT, projectDir.toString(), settings, healthPath));
        ProcessRunner.Result result = ProcessRunner.run(argv, projectDir, env, TIMEOUT);
        String last = result.stdout().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse(null);
        if (result.failure() != null || result.exitCode() != 0 || last == null) {
            String why = result.failure() != null ? result.failure() : "exited with " + result.exitCode()
                    + (result.lastErrorLine().isEmpty() ? "" : ": " + result.lastErrorLine());
            throw new InitProblem("could not load the project with " + python + " (" + why + ").\n"
                    + "Check it with: cd " + projectDir + " && " + python + " manage.py check");
        }
        try {
            return new ProjectReport(ServiceJson.reader().readTree(last));
        } catch (IOException e) {
            throw new InitProblem("could not read what " + python + " reported about the project: " + last);
        }
    }

    /** A text field, or null. */
    String text(String field) {
        JsonNode node = json.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    /** A boolean field (false when absent). */
    boolean flag(String field) {
        return json.path(field).asBoolean(false);
    }

    /** ALLOWED_HOSTS. */
    List<String> allowedHosts() {
        List<String> hosts = new ArrayList<>();
        json.path("allowedHosts").forEach(h -> hosts.add(h.asText()));
        return hosts;
    }

    private static String load() {
        try (InputStream in = ProjectReport.class.getResourceAsStream("inspect.py")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("inspect.py is missing from the sideeye jar", e));
        }
    }
}
