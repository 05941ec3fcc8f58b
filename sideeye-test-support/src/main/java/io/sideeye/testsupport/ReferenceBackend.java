package io.sideeye.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's reference Django backend ({@code backend/}) and the interpreter with Django
 * that {@code scripts/setup-python} makes for it. How a manager runs it is each suite's own
 * configuration; this names the files.
 */
public final class ReferenceBackend {
    /** The Django project: {@code backend/} of the repository. */
    public static final Path PROJECT = Repository.ROOT.resolve("backend");
    /** The interpreter with Django (and waitress): {@code backend/.venv/bin/python}. */
    public static final Path PYTHON = PROJECT.resolve(".venv/bin/python");

    private ReferenceBackend() {
    }

    /**
     * Fails with the remedy when {@link #PYTHON} has not been made.
     *
     * @throws IllegalStateException naming the missing interpreter and the script that makes it
     */
    public static void requireSetUp() {
        if (!Files.isExecutable(PYTHON)) {
            throw new IllegalStateException(PYTHON + " is missing: run scripts/setup-python first (./scripts/test does it)");
        }
    }

    /**
     * A new, empty folder for one backend's database and runtime files: {@code target/backends/backend-*}
     * of the module the tests run in, absolute.
     *
     * @throws UncheckedIOException when the folder cannot be made
     */
    public static Path newDataDir() {
        try {
            return Files.createTempDirectory(Files.createDirectories(Path.of("target", "backends")), "backend-")
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a folder under target/backends", e);
        }
    }
}
