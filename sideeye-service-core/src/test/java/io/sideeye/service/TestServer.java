package io.sideeye.service;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The stdlib-only Python test backend in test resources, run by Debian's interpreter. */
final class TestServer {
    /** An interpreter that exists on every machine of the project's kind; the test server needs only the stdlib. */
    static final String PYTHON = "/usr/bin/python3";

    private TestServer() {
    }

    static Path script() {
        URL url = TestServer.class.getResource("/testserver/testserver.py");
        if (url == null) {
            throw new IllegalStateException("testserver/testserver.py is missing from the test resources");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The argv of the test server with {@code {host}}/{@code {port}} placeholders and extra flags. */
    static List<String> command(String... flags) {
        List<String> argv = new ArrayList<>(List.of(PYTHON, script().toString(), "--host", "{host}", "--port", "{port}"));
        argv.addAll(List.of(flags));
        return argv;
    }
}
