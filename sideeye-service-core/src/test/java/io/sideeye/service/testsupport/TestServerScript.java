package io.sideeye.service.testsupport;

import io.sideeye.testsupport.StdlibTestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stdlib-only Python test server in {@code src/test/resources/testserver/testserver.py} and
 * how to start and drive it. Its interpreter is Debian's {@code /usr/bin/python3}, which also
 * has Django.
 */
public final class TestServerScript {
    /** The interpreter that runs the test server (and has Django). */
    public static final String PYTHON = StdlibTestServer.PYTHON;

    private TestServerScript() {
    }

    /** The script's path on disk. */
    public static Path script() {
        return StdlibTestServer.script();
    }

    /** The argv that runs the test server on 127.0.0.1, port 0, with {@code flags}. */
    public static List<String> command(String... flags) {
        List<String> argv = new ArrayList<>(List.of(PYTHON, script().toString(), "--host", "127.0.0.1", "--port", "0"));
        argv.addAll(List.of(flags));
        return argv;
    }

    /** The port from a {@code LISTENING <host> <port>} line, or -1 for any other line. */
    public static int listeningPort(String line) {
        if (!line.startsWith("LISTENING ")) {
            return -1;
        }
        return Integer.parseInt(line.substring(line.lastIndexOf(' ') + 1));
    }

    /** The pid from a {@code CHILD <pid>} line, or -1 for any other line. */
    public static long childPid(String line) {
        return line.startsWith("CHILD ") ? Long.parseLong(line.substring(6).trim()) : -1;
    }

    /** Sends {@code method path} without headers or body; see {@link #request(int, String, String, Map, String)}. */
    public static Reply request(int port, String method, String path) {
        return request(port, method, path, Map.of(), null);
    }

    /**
     * Sends {@code method path} to 127.0.0.1:port and returns the status code and body.
     *
     * @throws UncheckedIOException when no answer arrives within 10 s (or the connection fails)
     */
    public static Reply request(int port, String method, String path, Map<String, String> headers, String body) {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + path).openConnection();
            c.setRequestMethod(method);
            c.setConnectTimeout(5000);
            c.setReadTimeout(10_000);
            headers.forEach(c::setRequestProperty);
            if (body != null || "POST".equals(method)) {
                c.setDoOutput(true);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = c.getResponseCode();
            try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return new Reply(status, text);
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("request " + method + " " + path + " to port " + port + " failed", e);
        }
    }

    /** An HTTP answer of the test server. */
    public record Reply(int status, String body) {
    }
}
