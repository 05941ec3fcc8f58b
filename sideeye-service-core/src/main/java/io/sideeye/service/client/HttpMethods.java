package io.sideeye.service.client;

import io.sideeye.service.http.Quoting;
import java.util.List;
import java.util.Locale;

/** The HTTP methods {@code apiCall} accepts. */
public final class HttpMethods {
    /** The accepted methods, upper-case. */
    public static final List<String> ALLOWED = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    private HttpMethods() {
    }

    /**
     * The method upper-cased ({@code patch} becomes {@code PATCH}); null means {@code GET}.
     *
     * @throws IllegalArgumentException for any other method, listing the accepted ones
     */
    public static String normalize(String method) {
        if (method == null) {
            return "GET";
        }
        String upper = method.trim().toUpperCase(Locale.ROOT);
        if (ALLOWED.contains(upper)) {
            return upper;
        }
        throw new IllegalArgumentException("method " + Quoting.quote(method, 40) + " is not supported; use one of "
                + String.join(", ", ALLOWED));
    }

    /** False for GET and HEAD, whose requests carry no body here. */
    public static boolean allowsBody(String normalizedMethod) {
        return !normalizedMethod.equals("GET") && !normalizedMethod.equals("HEAD");
    }
}
