package io.sideeye.desktop.packaging;

import static org.awaitility.Awaitility.await;

import io.sideeye.testsupport.OutputLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged launcher ({@code bin/sideeye-desktop}) run as a user runs it, in a home of its own
 * (HOME, XDG_RUNTIME_DIR; XDG_DATA_HOME left unset so the default applies), its output collected.
 */
final class PackagedApp implements AutoCloseable {
    static final Pattern RUNNING = Pattern.compile("Backend running at http://127\\.0\\.0\\.1:(\\d+) \\(pid (\\d+)\\)");

    final Process process;
    final OutputLines output;

    private PackagedApp(Process process) {
        this.process = process;
        this.output = OutputLines.read(process.getInputStream(), "packaged-app-output");
    }

    /** The environment of a user whose home is {@code home}: HOME, XDG_RUNTIME_DIR, and {@code extra}. */
    static ProcessBuilder command(Path launcher, Path home, Map<String, String> extra, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of(launcher.toString()));
        argv.addAll(List.of(args));
        Path runtime = home.resolve("run");
        Files.createDirectories(runtime);
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true).directory(home.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("XDG_") || k.startsWith("SIDEEYE_") || k.equals("DISPLAY"));
        env.put("HOME", home.toString());
        env.put("XDG_RUNTIME_DIR", runtime.toString());
        env.putAll(extra);
        return builder;
    }

    static PackagedApp start(ProcessBuilder builder) throws IOException {
        return new PackagedApp(builder.start());
    }

    /** Runs to the end (at most {@code timeout}); returns the exit code. */
    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("the app did not end within " + timeout + "; its output:\n" + text());
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> output.anyMatch(l -> l.startsWith("(output closed"))
                || !process.isAlive());
        return process.exitValue();
    }

    /** Waits for "Backend running at ... (pid N)" and returns N. */
    long awaitBackend() {
        await().atMost(Duration.ofSeconds(120)).until(() -> output.find(RUNNING).isPresent() || !process.isAlive());
        Matcher m = output.find(RUNNING)
                .orElseThrow(() -> new AssertionError("the backend did not start; the app's output:\n" + text()));
        return Long.parseLong(m.group(2));
    }

    boolean printed(String text) {
        return output.contains(text);
    }

    String text() {
        return output.text();
    }

    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        tree.forEach(ProcessHandle::destroyForcibly);
    }
}
