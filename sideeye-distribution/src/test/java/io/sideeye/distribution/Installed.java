package io.sideeye.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The built distribution and how a user runs it: real processes started from a folder outside
 * the checkout, with an environment of their own (no {@code JAVA_HOME}, a {@code PATH} without
 * Maven, their own cache, data and runtime folders).
 */
final class Installed {
    static final String VERSION = System.getProperty("dist.version");
    static final Path ARCHIVE = Path.of(System.getProperty("dist.archive"));
    static final Path ZIP = Path.of(System.getProperty("dist.zip"));
    static final Path DEB = Path.of(System.getProperty("dist.deb.dir"),
            "sideeye_" + VERSION.replace('-', '~') + "_all.deb");
    static final Path ROOT = Path.of(System.getProperty("dist.root")).toAbsolutePath().normalize();
    private static final Duration LIMIT = Duration.ofMinutes(3);

    private Installed() {
    }

    /** A Python with Django for the bundled backend: the checkout's backend/.venv (scripts/setup-python), else Debian's. */
    static String python() {
        Path venv = ROOT.resolve("backend/.venv/bin/python");
        return Files.isExecutable(venv) ? venv.toString() : "/usr/bin/python3";
    }

    /**
     * A folder of links to every program in /usr/bin except those {@code leaveOut} matches:
     * a {@code PATH} of an ordinary machine without, e.g., Maven.
     */
    static Path toolsWithout(Path dir, Predicate<String> leaveOut) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> programs = Files.list(Path.of("/usr/bin"))) {
            for (Path program : programs.toList()) {
                String name = program.getFileName().toString();
                if (!leaveOut.test(name)) {
                    Files.createSymbolicLink(dir.resolve(name), program);
                }
            }
        }
        return dir;
    }

    /** Runs {@code argv} in {@code workDir} with exactly {@code env}; waits for its end. */
    static Result run(Path workDir, Map<String, String> env, String... argv) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv).directory(workDir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Path out = Files.createTempFile("sideeye-dist-out", ".txt");
        Path err = Files.createTempFile("sideeye-dist-err", ".txt");
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", argv) + " did not end within " + LIMIT.toSeconds() + " s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The environment of a user of this machine: HOME, PATH and the XDG folders under {@code home}. */
    static Map<String, String> userEnv(Path home, Path tools) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("PATH", tools.toString());
        env.put("LANG", "C.UTF-8");
        env.put("XDG_CACHE_HOME", Files.createDirectories(home.resolve(".cache")).toString());
        env.put("XDG_DATA_HOME", Files.createDirectories(home.resolve(".local/share")).toString());
        env.put("XDG_RUNTIME_DIR", Files.createDirectories(home.resolve("run")).toString());
        return env;
    }

    /** Unpacks {@code archive} (tar.gz) into {@code prefix} with the system's tar; returns the install folder. */
    static Path untar(Path archive, Path prefix) throws IOException, InterruptedException {
        Result r = run(prefix, Map.of("PATH", "/usr/bin:/bin"), "tar", "-xzf", archive.toString());
        assertThat(r.code()).as(r.err()).isZero();
        return prefix.resolve("sideeye-" + VERSION);
    }

    /** The argv of {@code program} with {@code args}. */
    static String[] argv(Path program, String... args) {
        List<String> argv = new ArrayList<>(List.of(program.toString()));
        argv.addAll(List.of(args));
        return argv.toArray(String[]::new);
    }

    /** How a command ended. */
    record Result(int code, String out, String err) {
        /** Everything it printed, for assertion messages. */
        String all() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
