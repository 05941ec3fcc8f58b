package io.sideeye.service.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Asks a configured Python interpreter what the manager's start would ask it (can it import
 * Django, which version, which server packages), through the same JVM-wide cache of probe
 * answers. An application that checks the interpreter itself before it creates the manager, to
 * show its own remedy, then starts the backend without a second Python start: the manager's
 * probe of the same interpreter, project folder and environment is answered from the cache.
 */
public final class InterpreterCheck {
    private InterpreterCheck() {
    }

    /**
     * Probes {@code python} as the manager would with {@code python(python)},
     * {@code projectDir(projectDir)} and {@code environment(environment)}.
     *
     * @param python      a path (relative ones from {@code projectDir}) or a name on {@code PATH}
     * @param projectDir  the Django project folder the backend runs in
     * @param environment the backend's configured extra environment (the manager probes with it)
     * @return what the interpreter reported
     * @throws CommandResolutionException whose message is one short clause saying why the
     *         interpreter cannot be used, e.g. {@code not found on PATH} or
     *         {@code cannot import Django (ModuleNotFoundError: No module named 'django')}
     */
    public static InterpreterReport check(String python, Path projectDir, Map<String, String> environment)
            throws CommandResolutionException {
        List<String> command;
        try {
            command = PythonDiscovery.system().locateConfigured(python, projectDir);
        } catch (CommandResolutionException e) {
            boolean isPath = python.contains("/") || python.contains("\\") || Path.of(python.trim()).isAbsolute();
            throw new CommandResolutionException(isPath ? "not found" : "not found on PATH");
        }
        try {
            Interpreter found = ProcessInterpreterProbe.shared().probe(command, projectDir, environment);
            return new InterpreterReport(found.executable(), found.pythonVersion(), found.djangoVersion(),
                    found.servers());
        } catch (InterpreterProbe.Failure e) {
            throw new CommandResolutionException(e.getMessage());
        }
    }
}
