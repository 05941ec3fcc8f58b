package io.sideeye.service.process;

import java.util.List;
import java.util.Map;

/**
 * The argv to spawn and what it needs besides.
 *
 * @param argv        the command line, element 0 the executable
 * @param environment variables the command needs (e.g. DJANGO_SETTINGS_MODULE)
 * @param description a short human description, e.g. {@code waitress via /usr/bin/python3}
 * @param interpreter the Python interpreter the argv runs, or null when it runs none that was
 *                    configured or discovered (a custom command without {@code {python}})
 */
public record ResolvedCommand(List<String> argv, Map<String, String> environment, String description,
                              String interpreter) {
    public ResolvedCommand {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
    }

    /** A command that runs no known interpreter. */
    public ResolvedCommand(List<String> argv, Map<String, String> environment, String description) {
        this(argv, environment, description, null);
    }
}
