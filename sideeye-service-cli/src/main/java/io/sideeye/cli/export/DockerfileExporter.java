package io.sideeye.cli.export;

import io.sideeye.config.Secrets;
import io.sideeye.service.HealthMode;
import io.sideeye.service.ServiceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the {@code Dockerfile} of the image that {@code sideeye export kubernetes --image}
 * names, from the same plan ({@link KubernetesPlanner}), so the two agree: the project is copied
 * to the Deployment's {@code workingDir}, the command is the container's {@code command}, the
 * interpreter is {@code python3} of the Python base image, with the project's
 * {@code requirements.txt} installed into it, and the user is {@link #UID} (not root), which the
 * Deployment's {@code runAsUser} names too. The {@code HEALTHCHECK} asks the health endpoint
 * every {@code healthCheckInterval}, gives up on a check after {@code healthCheckTimeout}, counts
 * the container unhealthy after {@code unhealthyThreshold} failures in a row, and ignores
 * failures during {@code startupTimeout}. Secret-looking variables and {@code SIDEEYE_API_TOKEN}
 * are never written: they are given when the container runs. Beside it,
 * {@code Dockerfile.dockerignore} keeps the local virtual environment, caches and databases out
 * of the build.
 */
final class DockerfileExporter {
    /** The user and group id the container runs as. */
    static final int UID = 10001;
    /** The base image unless told otherwise. */
    static final String DEFAULT_BASE_IMAGE = "python:3.11-slim";

    private DockerfileExporter() {
    }

    /**
     * @param service   the service whose command and health check the image carries
     * @param baseImage the Python base image
     * @param notes     receives what the user should know
     */
    static Map<String, String> export(KubernetesService service, String baseImage, List<String> notes) {
        ServiceConfig c = service.config();
        Path project = c.projectDir().toAbsolutePath().normalize();
        List<String> lines = new ArrayList<>();
        lines.add("# Dockerfile: the image of SideEye service " + service.service() + " (project " + project.getFileName()
                + "), exported by 'sideeye export dockerfile'.");
        lines.add("# It matches 'sideeye export kubernetes' with the same --workdir: build it from the project folder,");
        lines.add("#   docker build -f Dockerfile -t IMAGE " + project);
        lines.add("# and give IMAGE to 'sideeye export kubernetes --image IMAGE'. See docs/KUBERNETES.md.");
        lines.add("FROM " + baseImage);
        lines.add("ENV PYTHONDONTWRITEBYTECODE=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1");
        lines.add("WORKDIR " + service.workingDir());
        if (Files.isRegularFile(project.resolve("requirements.txt"))) {
            lines.add("# The requirements first: this layer is rebuilt only when they change.");
            lines.add("COPY requirements.txt ./");
            lines.add("RUN " + json(List.of("python3", "-m", "pip", "install", "-r", "requirements.txt")));
            lines.add("COPY . .");
        } else {
            notes.add("the project " + project + " has no requirements.txt: the image installs nothing besides the"
                    + " base image's Python; add a requirements.txt listing Django and the server");
            lines.add("COPY . .");
        }
        lines.add("# A user of its own, not root; it may write only where the service keeps its data.");
        lines.add("RUN " + json(List.of("groupadd", "--system", "--gid", Integer.toString(UID), "sideeye")));
        lines.add("RUN " + json(List.of("useradd", "--system", "--uid", Integer.toString(UID), "--gid",
                Integer.toString(UID), "--no-create-home", "--home-dir", "/nonexistent", "--shell",
                "/usr/sbin/nologin", "sideeye")));
        Map<String, String> env = new LinkedHashMap<>();
        List<String> secret = new ArrayList<>();
        service.environment().forEach((name, value) -> {
            if (Secrets.looksSecret(name, value)) {
                secret.add(name);
            } else {
                env.put(name, value);
            }
        });
        String dataDir = env.get("SIDEEYE_DATA_DIR");
        if (dataDir != null && dataDir.startsWith("/")) {
            lines.add("RUN " + json(List.of("install", "-d", "-m", "0700", "-o", Integer.toString(UID), "-g",
                    Integer.toString(UID), dataDir)));
        }
        if (!env.isEmpty()) {
            StringBuilder line = new StringBuilder("ENV");
            env.forEach((name, value) -> line.append(" \\\n    ").append(name).append('=').append(envValue(name, value)));
            lines.add(line.toString());
        }
        List<String> given = new ArrayList<>(secret);
        given.add("SIDEEYE_API_TOKEN");
        lines.add("# Given when the container runs, never built in: " + String.join(", ", given)
                + " (docker run -e, or the Secret sideeye-" + service.service() + "-secrets in Kubernetes).");
        lines.add("USER " + UID + ":" + UID);
        if (c.healthMode() == HealthMode.HTTP) {
            lines.add("EXPOSE " + c.port());
            lines.add("# The health policy: every healthCheckInterval, at most healthCheckTimeout each, unhealthy after"
                    + " unhealthyThreshold failures; failures during startupTimeout do not count.");
            lines.add("HEALTHCHECK --interval=" + span(c.healthCheckInterval()) + " --timeout="
                    + span(c.healthCheckTimeout()) + " --start-period=" + span(c.startupTimeout()) + " --retries="
                    + c.unhealthyThreshold() + " \\\n    CMD " + json(healthCheck(c)));
        } else {
            lines.add("# health: process (alive is healthy): no HEALTHCHECK; the container ends when its process does.");
            lines.add("HEALTHCHECK NONE");
        }
        lines.add("STOPSIGNAL SIGTERM");
        lines.add("CMD " + json(service.command()));
        Map<String, String> files = new LinkedHashMap<>();
        files.put("Dockerfile", String.join("\n", lines) + "\n");
        files.put("Dockerfile.dockerignore", String.join("\n", List.of(
                "# Kept out of the image: what belongs to this machine, and files with secrets or data.",
                ".git", ".venv", "venv", "**/__pycache__", "**/*.pyc", "*.sqlite3", ".env", "Dockerfile*")) + "\n");
        return files;
    }

    /**
     * The check the image runs: Python's own HTTP client (slim images have no curl) asks the
     * health endpoint as the kubelet's probes do ({@code Host: localhost}); an answer other than
     * 2xx, or none within the timeout, exits 1.
     */
    static List<String> healthCheck(ServiceConfig c) {
        String url = "http://127.0.0.1:" + c.port() + c.healthPath();
        double timeout = Math.max(0.001, c.healthCheckTimeout().toMillis() / 1000.0);
        String script = "import sys, urllib.request as u\n"
                + "try:\n"
                + "    u.urlopen(u.Request('" + url + "', headers={'Host': 'localhost'}), timeout=" + timeout + ")\n"
                + "except Exception as e:\n"
                + "    sys.exit('unhealthy: %s' % e)";
        return List.of("python3", "-c", script);
    }

    /** A duration as Docker reads it ({@code 30s}, {@code 1500ms}). */
    static String span(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    /** The exec (JSON array) form of an instruction's argv: no shell. */
    static String json(List<String> argv) {
        List<String> quoted = argv.stream().map(DockerfileExporter::jsonString).toList();
        return "[" + String.join(", ", quoted) + "]";
    }

    /** An {@code ENV} value in double quotes, where Docker reads {@code \\}, {@code "} and {@code $} specially. */
    static String envValue(String name, String value) {
        if (value.chars().anyMatch(ch -> ch < 0x20)) {
            throw new ExportException("environment variable " + name + " holds a control character (e.g. a line"
                    + " break), which a Dockerfile cannot carry; give it when the container runs instead");
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$") + '"';
    }

    /** A JSON string: Docker reads the exec form as JSON, with no variables and no shell. */
    private static String jsonString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
