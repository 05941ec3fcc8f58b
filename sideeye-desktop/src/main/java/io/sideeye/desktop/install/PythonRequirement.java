package io.sideeye.desktop.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the bundled backend needs from the machine: a Python 3.9+ that can import Django 3.2+ and
 * waitress. Finds the first interpreter that qualifies among the candidates, or says what each
 * lacks and how to fix it, so that the app can show the remedy instead of a failed start.
 */
public final class PythonRequirement {
    /** The Debian packages that provide what the backend needs (the .deb depends on them). */
    public static final String DEBIAN_PACKAGES = "python3 python3-django python3-waitress";

    private static final String PROBE = String.join("; ",
            "import sys",
            "v = sys.version_info",
            "sys.exit('Python %d.%d is too old (3.9 or newer is needed)' % v[:2]) if v < (3, 9) else None",
            "import django, waitress",
            "sys.exit('Django %s is too old (3.2 or newer is needed)' % django.get_version()) if django.VERSION < (3, 2) else None",
            "print('Python %d.%d.%d, Django %s' % (v[0], v[1], v[2], django.get_version()))");
    private static final long TIMEOUT_SECONDS = 30;

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
     * The first of {@code candidates} that runs the backend.
     *
     * @throws MissingPythonException naming every candidate, what it lacks, and the remedy
     */
    public static Found find(List<String> candidates) {
        List<String> tried = new ArrayList<>();
        for (String candidate : candidates) {
            String problem;
            try {
                Process probe = new ProcessBuilder(candidate, "-c", PROBE).redirectErrorStream(true).start();
                probe.getOutputStream().close();
                byte[] out = probe.getInputStream().readAllBytes();
                if (!probe.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    probe.destroyForcibly();
                    problem = "did not answer within " + TIMEOUT_SECONDS + " s";
                } else {
                    String text = lastLine(new String(out, StandardCharsets.UTF_8));
                    if (probe.exitValue() == 0) {
                        return new Found(candidate, text);
                    }
                    problem = text.contains("No module named")
                            ? text.substring(text.indexOf("No module named")).replace("No module named", "has no module") : text;
                }
            } catch (IOException e) {
                problem = "cannot be run (" + (e.getMessage() == null ? e : e.getMessage()) + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problem = "check interrupted";
            }
            tried.add(candidate + ": " + problem);
        }
        throw new MissingPythonException(tried);
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\\R");
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
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
