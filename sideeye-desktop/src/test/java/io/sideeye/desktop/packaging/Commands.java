package io.sideeye.desktop.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs a command (an argv list) to its end and keeps its output. */
final class Commands {
    private Commands() {
    }

    record Result(int code, String output) {
    }

    static Result run(List<String> argv, long timeoutSeconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(argv + " took longer than " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** Runs {@code argv} and fails with its output unless it exits 0. */
    static String ok(List<String> argv, long timeoutSeconds) throws IOException, InterruptedException {
        Result result = run(argv, timeoutSeconds);
        if (result.code() != 0) {
            throw new AssertionError(argv + " exited " + result.code() + ":\n" + result.output());
        }
        return result.output();
    }

    /** Every file and folder under {@code root}, relative to it. */
    static List<String> tree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                p.toFile().setWritable(true);
                Files.deleteIfExists(p);
            }
        }
    }
}
