package io.sideeye.cli.doctor;

import io.sideeye.service.ServiceConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The doctor's folder checks: the backend's data folder ({@code SIDEEYE_DATA_DIR}, by default
 * {@code <projectDir>/data}) and the runtime folders of the manager and of {@code sideeye run}
 * must exist, or be creatable, and be writable.
 */
final class FolderChecks {
    private FolderChecks() {
    }

    static CheckResult dataDir(ServiceConfig config, Map<String, String> env) {
        String configured = config.environment().getOrDefault("SIDEEYE_DATA_DIR", env.get("SIDEEYE_DATA_DIR"));
        Path dir = configured != null ? config.projectDir().resolve(configured) : config.projectDir().resolve("data");
        String label = (configured != null ? "SIDEEYE_DATA_DIR " : "default ") + dir.toAbsolutePath().normalize();
        return writable(dir).map(problem -> CheckResult.fail("Data dir", label + " " + problem,
                        "make it writable by this user, or set SIDEEYE_DATA_DIR (environment: {SIDEEYE_DATA_DIR: /path})"
                                + " to a writable folder"))
                .orElseGet(() -> CheckResult.ok("Data dir", label + (Files.isDirectory(dir) ? " is writable"
                        : " will be created (its parent is writable)")));
    }

    static CheckResult runtimeDirs(ServiceConfig config, Path cliRuntimeDir) {
        List<String> ok = new ArrayList<>();
        for (Path dir : config.runtimeDir() == null ? List.of(cliRuntimeDir) : List.of(config.runtimeDir(), cliRuntimeDir)) {
            Optional<String> problem = writable(dir);
            if (problem.isPresent()) {
                return CheckResult.fail("Runtime dir", dir + " " + problem.get(),
                        "make it writable by this user, or set runtimeDir (and XDG_RUNTIME_DIR) to a writable folder");
            }
            ok.add(dir.toString());
        }
        return CheckResult.ok("Runtime dir", String.join(", ", ok) + " writable");
    }

    /** Empty when {@code dir} is (or can be created as) a writable folder, else what is wrong. */
    static Optional<String> writable(Path dir) {
        Path existing = dir.toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return Optional.of("has no existing parent folder");
        }
        if (!Files.isDirectory(existing)) {
            return Optional.of(existing.equals(dir.toAbsolutePath().normalize()) ? "is not a folder"
                    : "cannot be created: " + existing + " is not a folder");
        }
        try {
            Files.delete(Files.createTempFile(existing, ".sideeye-doctor", ".tmp"));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(existing.equals(dir.toAbsolutePath().normalize()) ? "is not writable"
                    : "cannot be created: " + existing + " is not writable");
        }
    }
}
