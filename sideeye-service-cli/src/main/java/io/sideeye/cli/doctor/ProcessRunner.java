package io.sideeye.cli.doctor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a short probe program (argv, never a shell) with a time limit and collects its output. */
public final class ProcessRunner {

    /**
     * The outcome of one run.
     *
     * @param exitCode   the exit code, or -1 when it did not run to the end
     * @param stdout     standard output
     * @param stderr     standard error
     * @param failure    null when it ran; else why not ("not found", "timed out after 10s")
     */
    public record Result(int exitCode, String stdout, String stderr, String failure) {
        /** Whether it ran and exited with 0. */
        public boolean ok() {
            return failure == null && exitCode == 0;
        }

        /** The last non-blank line of standard error, or an empty string. */
        public String lastErrorLine() {
            List<String> lines = stderr.lines().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1).trim();
        }
    }

    private ProcessRunner() {
    }

    /** Runs {@code argv} in {@code dir} with extra {@code env}, killing it (and its children) after {@code timeout}. */
    public static Result run(List<String> argv, Path dir, Map<String, String> env, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile());
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            int code = why.indexOf("error=");
            return new Result(-1, "", "", "cannot run " + argv.get(0) + ": "
                    + (code >= 0 && why.indexOf(", ", code) > 0 ? why.substring(why.indexOf(", ", code) + 2) : why));
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<String> out = drain(process.getInputStream());
            CompletableFuture<String> err = drain(process.getErrorStream());
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                return new Result(-1, out.getNow(""), err.getNow(""), "timed out after " + timeout.toSeconds() + "s");
            }
            return new Result(process.exitValue(), out.join(), err.join(), null);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(-1, "", "", "interrupted");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                in.transferTo(bytes);
                return bytes.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }
}
