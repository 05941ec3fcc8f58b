package io.sideeye.cli.doctor;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The interpreters the manager tries, in its order, when {@code python} is not configured: the
 * project's {@code .venv}, then {@code venv}, then {@code python3} and {@code python} on PATH
 * (Windows: {@code python}, then {@code py -3}).
 */
public final class PythonCandidates {
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase().contains("win");

    /**
     * One candidate.
     *
     * @param label  how it was found, e.g. {@code .venv in the project} or {@code python3 on PATH}
     * @param path   the executable, or null when it does not exist
     */
    public record Candidate(String label, String path) {
    }

    private PythonCandidates() {
    }

    /** The candidates for {@code projectDir}, with {@code PATH} from {@code env}. */
    public static List<Candidate> discover(Path projectDir, Map<String, String> env) {
        List<Candidate> list = new ArrayList<>();
        for (String venv : List.of(".venv", "venv")) {
            Path exe = WINDOWS ? projectDir.resolve(venv).resolve("Scripts").resolve("python.exe")
                    : projectDir.resolve(venv).resolve("bin").resolve("python");
            list.add(new Candidate(projectDir.relativize(exe).toString() + " in the project",
                    Files.isExecutable(exe) ? exe.toAbsolutePath().normalize().toString() : null));
        }
        for (String name : WINDOWS ? List.of("python", "py") : List.of("python3", "python")) {
            list.add(new Candidate(name + " on PATH", onPath(name, env).orElse(null)));
        }
        return list;
    }

    /** The first executable named {@code name} on the {@code PATH} of {@code env}. */
    public static Optional<String> onPath(String name, Map<String, String> env) {
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String suffix : WINDOWS ? List.of(".exe", ".bat", "") : List.of("")) {
                Path exe = Path.of(dir, name + suffix);
                if (Files.isRegularFile(exe) && Files.isExecutable(exe)) {
                    return Optional.of(exe.toString());
                }
            }
        }
        return Optional.empty();
    }
}
