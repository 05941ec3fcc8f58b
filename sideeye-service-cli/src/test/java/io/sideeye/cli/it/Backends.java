package io.sideeye.cli.it;

import io.sideeye.testsupport.StdlibTestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The core's stdlib test server as these tests configure it for {@code sideeye run}: a {@code sideeye.yaml}. */
final class Backends {
    /** Debian's interpreter: the test server needs only the standard library. */
    static final String SYSTEM_PYTHON = StdlibTestServer.PYTHON;

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
        return StdlibTestServer.command(flags).stream().map(a -> "\"" + a + "\"").collect(Collectors.joining(", ", "[", "]"));
    }
}
