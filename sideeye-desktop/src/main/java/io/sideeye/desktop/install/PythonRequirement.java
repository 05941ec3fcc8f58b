package io.sideeye.desktop.install;

import io.sideeye.service.process.CommandResolutionException;
import io.sideeye.service.process.InterpreterCheck;
import io.sideeye.service.process.InterpreterReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the bundled backend needs from the machine: a Python 3.9+ that can import Django 3.2+ and
 * waitress. Finds the first interpreter that qualifies among the candidates, or says what each
 * lacks and how to fix it, so that the app can show the remedy instead of a failed start.
 */
public final class PythonRequirement {
    /** The Debian packages that provide what the backend needs (the .deb depends on them). */
    public static final String DEBIAN_PACKAGES = "python3 python3-django python3-waitress";

    private static final Pattern MISSING_MODULE = Pattern.compile("No module named '?([\\w.]+)'?");
    private static final Pattern MAJOR_MINOR = Pattern.compile("(\\d+)\\.(\\d+)");

    private PythonRequirement() {
    }

    /**
     * The interpreters to try, in order: the configured one alone when there is one; otherwise
     * the system's {@code /usr/bin/python3} (the one the .deb's dependencies install Django for,
     * which a {@code PATH} from pyenv or conda may hide, and a direct start where a pyenv shim
     * costs a second), then {@code python3} on {@code PATH}.
     */
    public static List<String> candidates(String configured) {
        if (configured != null && !configured.isBlank()) {
            return List.of(configured.trim());
        }
        List<String> candidates = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/python3"))) {
            candidates.add("/usr/bin/python3");
        }
        candidates.add("python3");
        return candidates;
    }

    /**
     * The first of {@code candidates} that runs the backend, asked from the current folder with no
     * extra environment.
     *
     * @throws MissingPythonException naming every candidate, what it lacks, and the remedy
     */
    public static Found find(List<String> candidates) {
        return find(candidates, Path.of("").toAbsolutePath(), Map.of());
    }

    /**
     * The first of {@code candidates} that runs the backend in {@code projectDir} with
     * {@code environment}. Each is asked through the manager's own interpreter check
     * ({@link InterpreterCheck}), whose answer the manager's start then reuses: Python starts
     * once before the backend, not twice.
     *
     * @throws MissingPythonException naming every candidate, what it lacks, and the remedy
     */
    public static Found find(List<String> candidates, Path projectDir, Map<String, String> environment) {
        List<String> tried = new ArrayList<>();
        for (String candidate : candidates) {
            String problem;
            try {
                InterpreterReport report = InterpreterCheck.check(candidate, projectDir, environment);
                problem = problem(report);
                if (problem == null) {
                    return new Found(candidate, "Python " + report.pythonVersion() + ", Django " + report.djangoVersion());
                }
            } catch (CommandResolutionException e) {
                problem = describe(e.getMessage());
            }
            tried.add(candidate + ": " + problem);
        }
        throw new MissingPythonException(tried);
    }

    /** What {@code report} lacks for the backend, or null. */
    private static String problem(InterpreterReport report) {
        int[] python = version(report.pythonVersion());
        if (python != null && compare(python, 3, 9) < 0) {
            return "Python " + python[0] + "." + python[1] + " is too old (3.9 or newer is needed)";
        }
        int[] django = version(report.djangoVersion());
        if (django != null && compare(django, 3, 2) < 0) {
            return "Django " + report.djangoVersion() + " is too old (3.2 or newer is needed)";
        }
        if (!report.servers().contains("waitress")) {
            return "has no module 'waitress'";
        }
        return null;
    }

    /** The check's reason in the app's words. */
    private static String describe(String reason) {
        Matcher missingModule = MISSING_MODULE.matcher(reason);
        if (missingModule.find()) {
            return "has no module '" + missingModule.group(1) + "'";
        }
        return reason.startsWith("not found") ? "cannot be run (" + reason + ")" : reason;
    }

    /** Major and minor of {@code 3.11.2} or {@code 4.2a1}; null when it does not start with them. */
    private static int[] version(String text) {
        Matcher m = MAJOR_MINOR.matcher(text);
        return m.lookingAt() ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))} : null;
    }

    private static int compare(int[] version, int major, int minor) {
        return version[0] != major ? Integer.compare(version[0], major) : Integer.compare(version[1], minor);
    }

    /**
     * An interpreter that runs the backend.
     *
     * @param executable the interpreter as it was named (a name on {@code PATH} or a path)
     * @param versions   e.g. {@code Python 3.11.2, Django 3.2.25}
     */
    public record Found(String executable, String versions) {
    }

    /** No interpreter qualifies; the message lists each one tried and the remedy. */
    public static final class MissingPythonException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<String> tried;

        MissingPythonException(List<String> tried) {
            super("No Python with Django and waitress was found for the bundled backend ("
                    + String.join("; ", tried) + ")");
            this.tried = List.copyOf(tried);
        }

        /** Each interpreter tried, with what it lacks. */
        public List<String> tried() {
            return tried;
        }

        /** What to do about it, in words. */
        public String remedy() {
            return "Install Python 3 with Django and waitress from your distribution, e.g. on Debian or Ubuntu:\n"
                    + "    sudo apt install " + DEBIAN_PACKAGES + "\n"
                    + "or point the app at an interpreter that has Django 3.2+ and waitress:\n"
                    + "    SIDEEYE_PYTHON=/path/to/python sideeye-desktop   (or --python /path/to/python)";
        }
    }
}
