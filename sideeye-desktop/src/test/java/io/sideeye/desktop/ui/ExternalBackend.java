package io.sideeye.desktop.ui;

import static org.awaitility.Awaitility.await;

import io.sideeye.testsupport.OutputLines;
import io.sideeye.testsupport.ReferenceBackend;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bundled backend started by hand, as a developer does in development mode: waitress on a
 * port of its choosing (port 0), its real port read from its "Serving on" line, its API declared
 * open ({@code SIDEEYE_API_OPEN=1}).
 */
final class ExternalBackend implements AutoCloseable {
    private static final Pattern SERVING = Pattern.compile("Serving on http://127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final int port;

    private ExternalBackend(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ExternalBackend start(Path dataDir) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(ReferenceBackend.PYTHON.toString(), "-m", "waitress",
                "--listen=127.0.0.1:0", "sideeye_backend.wsgi:application")
                .directory(ReferenceBackend.PROJECT.toFile()).redirectErrorStream(true);
        builder.environment().put("SIDEEYE_DATA_DIR", dataDir.toString());
        // as docs/DESKTOP.md tells a developer: a backend run by hand has no token, so its API is
        // declared open for development (without it, every API call is 401)
        builder.environment().put("SIDEEYE_API_OPEN", "1");
        builder.environment().remove("SIDEEYE_API_TOKEN");
        Process process = builder.start();
        OutputLines output = OutputLines.read(process.getInputStream(), "external-backend-output");
        await().atMost(Duration.ofSeconds(60)).until(() -> !process.isAlive() || output.find(SERVING).isPresent());
        if (!process.isAlive()) {
            throw new IllegalStateException("the backend exited with " + process.exitValue() + ":\n" + output.text());
        }
        Matcher m = output.find(SERVING).orElseThrow();
        return new ExternalBackend(process, Integer.parseInt(m.group(1)));
    }

    int port() {
        return port;
    }

    Process process() {
        return process;
    }

    /** The body of a GET straight to the backend, bypassing the app. */
    String get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
