package com.example.consumer;

import io.sideeye.service.ApiResponse;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceEvent;
import java.nio.file.Path;
import java.util.Map;

/**
 * The example of the README's "Use it as a library" section, as a program: run it from the
 * repository root and it starts the bundled backend, adds a note and lists the notes. The lines
 * between the README markers are the README's code block, word for word (LibraryExampleTest
 * compares them).
 */
public final class LibraryExample {
    private LibraryExample() {
    }

    /**
     * Starts {@code backend/} under a manager, creates a note, prints the notes and stops.
     *
     * @param args none
     * @throws Exception when the example itself fails
     */
    public static void main(String[] args) throws Exception {
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
