package io.sideeye.example.spring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Properties that run the bundled backend with the interpreter {@code scripts/setup-python} made, its files under target/. */
final class TestBackend {
    static final Path PROJECT = Path.of("..", "..", "backend").toAbsolutePath().normalize();
    static final Path PYTHON = PROJECT.resolve(".venv/bin/python");

    private TestBackend() {
    }

    static Map<String, Object> properties() {
        if (!Files.isExecutable(PYTHON)) {
            throw new IllegalStateException(PYTHON + " is missing: run scripts/setup-python first (./scripts/test does it)");
        }
        Path dir;
        try {
            dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "backends")), "backend-")
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("sideeye.project-dir", PROJECT.toString());
        properties.put("sideeye.python", PYTHON.toString());
        properties.put("sideeye.environment.SIDEEYE_DATA_DIR", dir.toString());
        properties.put("sideeye.runtime-dir", dir.resolve("run").toString());
        return properties;
    }
}
