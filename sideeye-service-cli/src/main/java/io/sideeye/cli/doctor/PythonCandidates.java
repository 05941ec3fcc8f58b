package io.sideeye.cli.doctor;

import io.sideeye.service.process.Executables;
import io.sideeye.service.process.Platform;
import io.sideeye.service.process.PythonPlace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The interpreters the manager tries, in its order ({@link PythonPlace#inOrder}, the core's own),
 * when {@code python} is not configured: the project's {@code .venv}, then {@code venv}, then
 * {@code python3} and {@code python} on PATH (Windows: {@code python}, then {@code py -3}).
 */
public final class PythonCandidates {

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
        Path project = projectDir.toAbsolutePath().normalize();
        List<Candidate> list = new ArrayList<>();
        for (PythonPlace place : PythonPlace.inOrder(projectDir, Platform.WINDOWS)) {
            if (place.file() != null) {
                list.add(new Candidate(project.relativize(place.file()) + " in the project",
                        Files.isExecutable(place.file()) ? place.file().toString() : null));
            } else {
                list.add(new Candidate(place.program() + " on PATH", onPath(place.name(), env).orElse(null)));
            }
        }
        return list;
    }

    /** The first executable named {@code name} on the {@code PATH} of {@code env}. */
    public static Optional<String> onPath(String name, Map<String, String> env) {
        return Executables.onPath(name, env).map(Path::toString);
    }
}
