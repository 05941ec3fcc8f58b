package io.sideeye.service;

import java.nio.file.Path;
import java.util.Map;

/** The README's Java example, compiled here so the documentation cannot drift from the API. */
final class ReadmeExamples {
    private ReadmeExamples() {
    }

    static void quickStart() {
        // README:start
        try (DjangoServiceManager manager = DjangoServiceManager.builder()
                .projectDir(Path.of("backend"))       // where manage.py lives
                .port(0)                              // pick a free port
                .build()) {
            manager.on(ServiceEvent.Started.class, e -> System.out.println("ready on port " + e.port()));
            manager.on("process-exit", e -> System.out.println("backend exited: " + e));
            if (manager.start().join()) {
                ApiResponse created = manager.apiCall("/notes/", "POST", Map.of("title", "hello")).join();
                ApiResponse notes = manager.apiCall("/notes/").join();
                System.out.println(notes.data());
            } else {
                System.err.println(manager.getStatus().lastError());
            }
        }
        // README:end
    }
}
