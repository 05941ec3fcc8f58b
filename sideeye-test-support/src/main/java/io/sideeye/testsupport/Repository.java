package io.sideeye.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout the tests run in. Maven runs each module's tests in the module's folder, one or two levels down. */
public final class Repository {
    /** The repository root: the nearest folder at or above the working directory that holds {@code backend/manage.py}. */
    public static final Path ROOT = find(Path.of("").toAbsolutePath().normalize());

    private Repository() {
    }

    private static Path find(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("backend/manage.py"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no folder at or above " + start + " holds backend/manage.py: run the tests"
                + " through Maven in a checkout of the repository");
    }
}
