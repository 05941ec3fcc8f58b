package io.sideeye.service.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Finds programs on the {@code PATH} the way a shell would, without running one. */
public final class Executables {
    private Executables() {
    }

    /** The first executable file called {@code name} on this process's {@code PATH}. */
    public static Optional<Path> onPath(String name) {
        return onPath(name, System.getenv());
    }

    /**
     * The first executable file called {@code name} on the {@code PATH} of {@code environment}
     * (and, on Windows, with its {@code PATHEXT}): for a program that will run with that
     * environment, or for tests.
     */
    public static Optional<Path> onPath(String name, Map<String, String> environment) {
        String pathExt = Platform.WINDOWS ? environment.getOrDefault("PATHEXT", ".COM;.EXE;.BAT;.CMD") : "";
        return find(name, environment.get("PATH"), pathExt);
    }

    /**
     * The first executable file called {@code name} in the folders of {@code path}; with a
     * non-empty {@code pathExt} (Windows) each of its extensions is tried as well.
     */
    static Optional<Path> find(String name, String path, String pathExt) {
        if (path == null || path.isBlank()) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>(List.of(name));
        if (!pathExt.isBlank() && !name.contains(".")) {
            for (String extension : pathExt.split(";")) {
                if (!extension.isBlank()) {
                    names.add(name + extension.toLowerCase(Locale.ROOT));
                }
            }
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String candidate : names) {
                try {
                    Path file = Path.of(dir, candidate);
                    if (Files.isRegularFile(file) && Files.isExecutable(file)) {
                        return Optional.of(file.toAbsolutePath());
                    }
                } catch (InvalidPathException e) {
                    // a malformed PATH entry: skip it as a shell would
                }
            }
        }
        return Optional.empty();
    }
}
