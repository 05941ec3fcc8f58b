package io.sideeye.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.testsupport.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Django projects we did not write, made as their users make them: {@code startproject}, and
 * an interpreter with the {@code sideeye-health} wheel installed the way its README says (a
 * virtualenv of Debian's Python with its system packages: Django, waitress, uvicorn, REST
 * framework).
 */
final class DjangoProjects {
    private static final Path WORK = Path.of("target", "it-django-projects").toAbsolutePath();
    private static final Pattern PLACE = Pattern.compile("^  at the end of (\\S+?)(?: \\(.*\\))?:$");
    private static Path venvPython;

    private DjangoProjects() {
    }

    /** The virtualenv's interpreter with the wheel installed (built and installed once per test run). */
    static synchronized Path venvPython() throws Exception {
        if (venvPython == null) {
            deleteTree(WORK);
            Files.createDirectories(WORK);
            String wheel = run(Repository.ROOT, Duration.ofMinutes(3), Repository.ROOT.resolve("scripts/build-wheel").toString(),
                    WORK.resolve("dist").toString()).lines().reduce((a, b) -> b).orElseThrow();
            run(WORK, Duration.ofMinutes(2), Backends.SYSTEM_PYTHON, "-m", "venv", "--system-site-packages", "venv");
            Path python = WORK.resolve("venv/bin/python");
            run(WORK, Duration.ofMinutes(2), python.toString(), "-m", "pip", "install", "--disable-pip-version-check",
                    "--no-deps", "--no-index", "-q", wheel);
            venvPython = python;
        }
        return venvPython;
    }

    /** {@code python -m django startproject name} in {@code parent}; the project folder (of manage.py). */
    static Path startproject(String python, Path parent, String name) throws Exception {
        Path dir = parent.resolve(name);
        Files.createDirectories(dir);
        // run inside the new folder: from its parent, the folder itself would be "an existing module" of that name
        run(dir, Duration.ofMinutes(1), python, "-m", "django", "startproject", name, dir.toString());
        return dir;
    }

    /**
     * Does what {@code sideeye init} printed, exactly: appends each block of lines to the file
     * named by its {@code at the end of FILE:} heading. Fails on any other kind of instruction.
     *
     * @return how many blocks were applied
     */
    static int follow(String instructions) throws IOException {
        int applied = 0;
        List<String> lines = instructions.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = PLACE.matcher(lines.get(i));
            if (!m.matches()) {
                assertThat(lines.get(i)).as("an instruction other than lines to add").doesNotStartWith("  in a shell");
                continue;
            }
            StringBuilder block = new StringBuilder("\n");
            for (i++; i < lines.size() && lines.get(i).startsWith("    "); i++) {
                block.append(lines.get(i).substring(4)).append('\n');
            }
            Files.writeString(Path.of(m.group(1)), Files.readString(Path.of(m.group(1))) + block);
            applied++;
        }
        return applied;
    }

    /** Runs {@code argv} in {@code dir}; its stdout, or an assertion error with its output. */
    static String run(Path dir, Duration limit, String... argv) throws Exception {
        Path log = Files.createTempFile("sideeye-it", ".log");
        try {
            Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(false)
                    .redirectError(log.toFile()).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", argv) + " did not end within " + limit);
            }
            assertThat(p.exitValue()).as("%s\n%s%s", String.join(" ", argv), out, Files.readString(log)).isZero();
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (var walk = Files.walk(dir)) {
            walk.forEach(paths::add);
        }
        for (int i = paths.size() - 1; i >= 0; i--) {
            Files.delete(paths.get(i));
        }
    }
}
