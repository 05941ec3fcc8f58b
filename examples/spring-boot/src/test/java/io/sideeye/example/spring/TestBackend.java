package io.sideeye.example.spring;

import io.sideeye.testsupport.ReferenceBackend;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Properties that run the {@link ReferenceBackend} with the interpreter {@code scripts/setup-python} made, its files under target/. */
final class TestBackend {
    private TestBackend() {
    }

    static Map<String, Object> properties() {
        ReferenceBackend.requireSetUp();
        Path dir = ReferenceBackend.newDataDir();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("sideeye.project-dir", ReferenceBackend.PROJECT.toString());
        properties.put("sideeye.python", ReferenceBackend.PYTHON.toString());
        properties.put("sideeye.environment.SIDEEYE_DATA_DIR", dir.toString());
        properties.put("sideeye.runtime-dir", dir.resolve("run").toString());
        return properties;
    }
}
