package io.sideeye.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Which keys may be written where: every {@link ConfigKey} anywhere (the token not on the
 * command line), {@code tokenEnv} beside them, {@code instances} anywhere, {@code after} only
 * under a service. Unknown keys are errors that suggest the closest valid one.
 */
final class KeyRules {
    /** The key naming the environment variable that holds the token. */
    static final String TOKEN_ENV = "tokenEnv";

    private KeyRules() {
    }

    /** The keys valid in a service's block ({@code inService}) or outside one. */
    static List<String> valid(boolean inService) {
        List<String> keys = new ArrayList<>(ConfigKey.names());
        keys.add(TOKEN_ENV);
        for (GroupKey key : GroupKey.values()) {
            if (inService || key.inheritable()) {
                keys.add(key.key());
            }
        }
        return keys;
    }

    /**
     * Checks that {@code written} may stand where it was written.
     *
     * @param inService   whether it is a service's own value
     * @param structure   the other keys valid where it stands, for the list of valid keys ({@code services}, ...)
     * @param commandLine whether it was given by a command-line option
     */
    static void check(Written written, boolean inService, List<String> structure, boolean commandLine) {
        String key = written.key();
        if (key.equals(GroupKey.AFTER.key()) && !inService) {
            throw written.error("belongs under a service: 'services: {worker: {after: [web]}}' starts worker once web"
                    + " is healthy" + (commandLine ? "; on the command line: --set worker.after=web" : ""));
        }
        if (key.equals(ConfigLoader.DEFAULT_SERVICE_KEY)) {
            throw written.error("is written once, at the top level of the file, not " + (inService ? "under a service"
                    : commandLine ? "on the command line" : "in a profile"));
        }
        if (commandLine && (key.equals(ConfigKey.TOKEN.key()))) {
            throw new ConfigException(written.raw().source() + ": " + written.label() + ": a token cannot be given on"
                    + " the command line, where other users and the shell history can read it; write 'tokenEnv:"
                    + " VARIABLE' for the service in the configuration file and export VARIABLE, or 'token: ${VARIABLE}'");
        }
        List<String> valid = valid(inService);
        if (!valid.contains(key)) {
            String where = inService ? written.label().substring(0, written.label().length() - key.length()) : "";
            String prefix = where.isEmpty() ? "" : where.substring(0, where.length() - 1) + ": ";
            List<String> shown = new ArrayList<>(valid);
            shown.addAll(structure);
            throw new ConfigException(written.raw().source() + ": " + prefix + "unknown key '" + key + "'"
                    + Suggestions.closest(key, shown).map(s -> "; did you mean '" + s + "'?").orElse(".")
                    + " Valid keys: " + String.join(", ", shown));
        }
    }
}
