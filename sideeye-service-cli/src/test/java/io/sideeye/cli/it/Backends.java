package io.sideeye.cli.it;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The backends the integration tests supervise: the core's stdlib test server and the bundled Django backend. */
final class Backends {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path TEST_SERVER = ROOT.resolve("sideeye-service-core/src/test/resources/testserver/testserver.py");
    /** Debian's interpreter: the test server needs only the standard library. */
    static final String SYSTEM_PYTHON = "/usr/bin/python3";
    static final Path DJANGO_PROJECT = ROOT.resolve("backend");
    static final Path VENV_PYTHON = DJANGO_PROJECT.resolve(".venv/bin/python");

    private Backends() {
    }

    /** Writes {@code sideeye.yaml} in {@code dir} running the test server with {@code flags}, plus {@code extra} YAML. */
    static Path testServerConfig(Path dir, String extra, String... flags) throws IOException {
        StringBuilder yaml = new StringBuilder("port: auto\ncommand: " + testServerCommand(flags) + "\n");
        for (String line : List.of("shutdownTimeout: 5s", "restartDelay: 100ms")) {
            if (!extra.contains(line.substring(0, line.indexOf(':') + 1))) {
                yaml.append(line).append('\n'); // a default of these tests, unless the test sets its own
            }
        }
        return Files.writeString(dir.resolve("sideeye.yaml"), yaml + extra);
    }

    /** The argv running the test server with {@code flags}, as a YAML flow list. */
    static String testServerCommand(String... flags) {
        List<String> argv = new ArrayList<>(List.of(SYSTEM_PYTHON, TEST_SERVER.toString(), "--host", "{host}",
                "--port", "{port}"));
        argv.addAll(List.of(flags));
        return argv.stream().map(a -> "\"" + a + "\"").collect(Collectors.joining(", ", "[", "]"));
    }

    /** Fails with the remedy when the bundled backend's interpreter has not been set up. */
    static void requireDjangoBackend() {
        if (!Files.isExecutable(VENV_PYTHON)) {
            fail(VENV_PYTHON + " is missing: run scripts/setup-python first (./scripts/test does it)");
        }
    }

    /** Whether any process is left whose command line mentions {@code marker} (e.g. a port or a folder). */
    static List<ProcessHandle> processesMentioning(String marker) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains(marker))
                .orElse(false)).toList();
    }

    /**
     * Whether {@code pid} still runs. An exited process not yet reaped by its new parent is a
     * zombie: it runs nothing and holds no port, but {@code ProcessHandle.isAlive()} counts it.
     */
    static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }
}
