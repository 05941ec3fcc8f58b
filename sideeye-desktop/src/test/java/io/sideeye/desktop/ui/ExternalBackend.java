package io.sideeye.desktop.ui;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
        ProcessBuilder builder = new ProcessBuilder(Backend.VENV_PYTHON.toString(), "-m", "waitress",
                "--listen=127.0.0.1:0", "sideeye_backend.wsgi:application")
                .directory(Backend.PROJECT.toFile()).redirectErrorStream(true);
        builder.environment().put("SIDEEYE_DATA_DIR", dataDir.toString());
        // as docs/DESKTOP.md tells a developer: a backend run by hand has no token, so its API is
        // declared open for development (without it, every API call is 401)
        builder.environment().put("SIDEEYE_API_OPEN", "1");
        builder.environment().remove("SIDEEYE_API_TOKEN");
        Process process = builder.start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException e) {
                output.add("(output closed: " + e.getMessage() + ")");
            }
        }, "external-backend-output");
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> !process.isAlive()
                || output.stream().anyMatch(l -> SERVING.matcher(l).find()));
        if (!process.isAlive()) {
            throw new IllegalStateException("the backend exited with " + process.exitValue() + ":\n" + String.join("\n", output));
        }
        Matcher m = output.stream().map(SERVING::matcher).filter(Matcher::find).findFirst().orElseThrow();
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
