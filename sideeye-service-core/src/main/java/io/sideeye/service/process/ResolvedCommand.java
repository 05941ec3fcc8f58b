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
 * @param sharing     whether two generations of this command can share its port, and how or why not
 */
public record ResolvedCommand(List<String> argv, Map<String, String> environment, String description,
                              String interpreter, PortSharing sharing) {
    public ResolvedCommand {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
        sharing = sharing == null ? PortSharing.not("the port sharing was not asked for") : sharing;
    }

    /** A command that binds its port alone. */
    public ResolvedCommand(List<String> argv, Map<String, String> environment, String description,
                           String interpreter) {
        this(argv, environment, description, interpreter, null);
    }

    /** A command that runs no known interpreter. */
    public ResolvedCommand(List<String> argv, Map<String, String> environment, String description) {
        this(argv, environment, description, null);
    }
}
