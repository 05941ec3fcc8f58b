package io.sideeye.service.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the Python interpreter that runs the backend. A configured one is used as given (a bare
 * name is looked up on {@code PATH}, a relative path is taken from the project folder) and must
 * be able to import Django. Otherwise the candidates are tried in order and the first that can
 * import Django wins, in the order of {@link PythonPlace#inOrder}: the project's {@code .venv}, its
 * {@code venv}, then {@code python3} and {@code python} on {@code PATH} (on Windows {@code python},
 * then the launcher {@code py -3}).
 * When none qualifies, the error lists every candidate with the reason it failed and says how
 * to fix it.
 */
final class PythonDiscovery {
    private final InterpreterProbe probe;
    private final Function<String, Optional<Path>> pathLookup;
    private final boolean windows;

    /**
     * @param probe      asks a candidate whether it can run Django
     * @param pathLookup finds a program by name on {@code PATH}
     * @param windows    whether to use Windows' venv layout and candidates
     */
    PythonDiscovery(InterpreterProbe probe, Function<String, Optional<Path>> pathLookup, boolean windows) {
        this.probe = probe;
        this.pathLookup = pathLookup;
        this.windows = windows;
    }

    /** The discovery of this machine: real probes, the real {@code PATH}. */
    static PythonDiscovery system() {
        return new PythonDiscovery(ProcessInterpreterProbe.shared(), Executables::onPath, Platform.WINDOWS);
    }

    /**
     * @param configured  the configured interpreter, or null to discover one
     * @param projectDir  the Django project folder
     * @param environment the backend's extra environment (it may add to PYTHONPATH)
     */
    Interpreter find(String configured, Path projectDir, Map<String, String> environment)
            throws CommandResolutionException {
        if (configured != null && !configured.isBlank()) {
            try {
                return probe.probe(locateConfigured(configured, projectDir), projectDir, environment);
            } catch (InterpreterProbe.Failure e) {
                throw new CommandResolutionException("The configured Python interpreter '" + configured + "' "
                        + e.getMessage() + ". Install Django for it ('" + configured + " -m pip install django')"
                        + " or set python to an interpreter that has Django.");
            }
        }
        List<String> tried = new ArrayList<>();
        for (Candidate candidate : candidates(projectDir)) {
            try {
                return probe(candidate, projectDir, environment);
            } catch (InterpreterProbe.Failure e) {
                tried.add("  - " + candidate.label() + ": " + e.getMessage());
            }
        }
        throw new CommandResolutionException(noInterpreterMessage(projectDir, tried));
    }

    /**
     * The command of the configured interpreter, found but not probed (a custom command may run
     * something other than Django with it).
     */
    List<String> locateConfigured(String configured, Path projectDir) throws CommandResolutionException {
        Candidate candidate = configuredCandidate(configured.trim(), projectDir);
        return candidate.locate().orElseThrow(() -> new CommandResolutionException("The configured Python"
                + " interpreter '" + configured + "' was " + candidate.missing() + " (" + candidate.label() + ")."
                + " Set python to the path of an interpreter that has Django, or leave it unset to discover one."));
    }

    private Interpreter probe(Candidate candidate, Path projectDir, Map<String, String> environment)
            throws InterpreterProbe.Failure {
        List<String> command = candidate.locate().orElseThrow(() -> new InterpreterProbe.Failure(candidate.missing()));
        return probe.probe(command, projectDir, environment);
    }

    private List<Candidate> candidates(Path projectDir) {
        List<Candidate> candidates = new ArrayList<>();
        for (PythonPlace place : PythonPlace.inOrder(projectDir, windows)) {
            candidates.add(place.file() != null ? fileCandidate(place.file()) : pathCandidate(place.name(), place.args()));
        }
        return candidates;
    }

    private Candidate configuredCandidate(String configured, Path projectDir) {
        boolean isPath = configured.contains("/") || configured.contains("\\") || Path.of(configured).isAbsolute();
        if (!isPath) {
            return pathCandidate(configured, List.of());
        }
        return fileCandidate(projectDir.resolve(configured).toAbsolutePath().normalize());
    }

    private static Candidate fileCandidate(Path file) {
        return new Candidate(file.toString(), "not found",
                () -> Files.isRegularFile(file) ? Optional.of(List.of(file.toString())) : Optional.empty());
    }

    private Candidate pathCandidate(String name, List<String> args) {
        String label = new PythonPlace(null, name, args).program();
        return new Candidate(label + " on PATH", "not found on PATH", () -> pathLookup.apply(name).map(file -> {
            List<String> command = new ArrayList<>(List.of(file.toString()));
            command.addAll(args);
            return command;
        }));
    }

    private String noInterpreterMessage(Path projectDir, List<String> tried) {
        Path dir = projectDir.toAbsolutePath().normalize();
        Path venv = dir.resolve(".venv");
        Path venvPython = windows ? venv.resolve("Scripts").resolve("python.exe") : venv.resolve("bin").resolve("python");
        return "No Python interpreter that can import Django was found for " + dir + ". Tried:\n"
                + String.join("\n", tried) + "\n"
                + "To fix it, create a virtual environment with Django in the project ("
                + (windows ? "py -3" : "python3") + " -m venv " + venv + ", then " + venvPython
                + " -m pip install django), or set python to an interpreter that has Django.";
    }

    /** One place an interpreter may be, and how to say that it is not there. */
    private record Candidate(String label, String missing, Locator locator) {
        Optional<List<String>> locate() {
            return locator.locate();
        }
    }

    @FunctionalInterface
    private interface Locator {
        Optional<List<String>> locate();
    }
}
