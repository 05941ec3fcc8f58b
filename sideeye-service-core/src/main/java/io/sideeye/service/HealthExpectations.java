package io.sideeye.service;

import java.util.List;
import java.util.Locale;

/** The rules for {@code healthStatus} and {@code healthBodyContains}, applied by {@link ServiceConfig}. */
final class HealthExpectations {
    private static final int MAX_BODY_TEXT = 200;

    private HealthExpectations() {
    }

    /**
     * The expected status codes, in the order given, without repeats; empty for the health contract.
     *
     * @throws ServiceConfigException naming {@code healthStatus} and the remedy
     */
    static List<Integer> statuses(List<Integer> codes, HealthMode mode) {
        if (codes == null || codes.isEmpty()) {
            return List.of();
        }
        requireHttp("healthStatus", mode);
        for (Integer code : codes) {
            if (code == null || code < 100 || code > 599) {
                throw new ServiceConfigException("healthStatus", "healthStatus: " + code + " is not an HTTP status"
                        + " code; use codes from 100 to 599, e.g. [200, 204]");
            }
        }
        return codes.stream().distinct().toList();
    }

    /**
     * The text a healthy body contains, or null for none (blank means none).
     *
     * @throws ServiceConfigException naming {@code healthBodyContains} and the remedy
     */
    static String bodyText(String text, HealthMode mode) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        requireHttp("healthBodyContains", mode);
        if (text.isBlank() || text.length() > MAX_BODY_TEXT || text.chars().anyMatch(c -> c < 0x20)) {
            throw new ServiceConfigException("healthBodyContains", "healthBodyContains: give a short piece of text"
                    + " (1 to " + MAX_BODY_TEXT + " characters, no line breaks or control characters) that only a"
                    + " healthy answer contains, e.g. \"ok\"");
        }
        return text;
    }

    private static void requireHttp(String field, HealthMode mode) {
        if (mode != HealthMode.HTTP) {
            throw new ServiceConfigException(field, field + ": only applies to healthMode http (it says what a"
                    + " healthy answer of healthPath looks like), but healthMode is "
                    + mode.name().toLowerCase(Locale.ROOT) + "; remove " + field + " or use healthMode http");
        }
    }
}
