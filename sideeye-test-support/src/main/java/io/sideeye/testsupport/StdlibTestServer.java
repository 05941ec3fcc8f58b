package io.sideeye.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The core's stdlib-only Python test server ({@code testserver.py} in the core's test resources;
 * its flags are documented at its top), run by Debian's interpreter: it needs nothing but the
 * standard library.
 */
public final class StdlibTestServer {
    /** Debian's interpreter, present on every machine the build runs on. */
    public static final String PYTHON = "/usr/bin/python3";
    private static final Path SCRIPT =
            Repository.ROOT.resolve("sideeye-service-core/src/test/resources/testserver/testserver.py");

    private StdlibTestServer() {
    }

    /**
     * The script's path.
     *
     * @throws IllegalStateException naming the path when the script is not there
     */
    public static Path script() {
        if (!Files.isRegularFile(SCRIPT)) {
            throw new IllegalStateException(SCRIPT + " is missing: run the tests in a checkout of the repository");
        }
        return SCRIPT;
    }

    /**
     * The argv running the test server on the manager's {@code {host}} and {@code {port}}
     * placeholders, then {@code flags}.
     */
    public static List<String> command(String... flags) {
        List<String> argv = new ArrayList<>(List.of(PYTHON, script().toString(), "--host", "{host}", "--port", "{port}"));
        argv.addAll(List.of(flags));
        return argv;
    }
}
