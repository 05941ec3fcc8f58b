package io.sideeye.config;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bearer token of an external service, as the configuration gives it: literally
 * ({@code token: abc}), as a reference to an environment variable ({@code token: ${API_TOKEN}}),
 * or by naming that variable ({@code tokenEnv: API_TOKEN}). Messages name the variable, never
 * the value.
 */
final class Tokens {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Tokens() {
    }

    /**
     * The token {@code written} stands for.
     *
     * @param env    the environment variables are read from
     * @param lookUp false to check only the form (for profiles that are not in use)
     * @return the token, or null when the written value is null
     */
    static String resolve(Written written, Map<String, String> env, boolean lookUp) {
        Object value = written.raw().value();
        if (value == null) {
            return null;
        }
        String variable;
        if (written.key().equals(KeyRules.TOKEN_ENV)) {
            if (!(value instanceof String s) || !VARIABLE.matcher(s.trim()).matches()) {
                throw written.error("is not the name of an environment variable; write e.g. 'tokenEnv: API_TOKEN'"
                        + " and export API_TOKEN before starting sideeye");
            }
            variable = ((String) value).trim();
        } else {
            if (value instanceof java.util.List || value instanceof Map) {
                throw written.error("is not text; write the token as a single value, or name the variable that holds"
                        + " it with tokenEnv");
            }
            String token = value.toString();
            Matcher reference = REFERENCE.matcher(token.trim());
            if (!reference.matches()) {
                if (token.contains("${")) {
                    throw written.error("a reference to a variable is written '${NAME}' and stands alone"
                            + " (e.g. 'token: ${API_TOKEN}'); or use 'tokenEnv: NAME'");
                }
                return token;
            }
            variable = reference.group(1);
        }
        if (!lookUp) {
            return null;
        }
        String token = env.get(variable);
        if (token == null || token.isBlank()) {
            throw written.error("environment variable " + variable + " is " + (token == null ? "not set" : "empty")
                    + "; export " + variable + " with the token before starting sideeye");
        }
        return token.trim();
    }
}
