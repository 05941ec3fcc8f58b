package io.sideeye.service.client;

import java.util.Locale;
import java.util.Set;

/** Placeholder until implemented. */
public final class HttpMethods {
    private static final Set<String> ALLOWED = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    private HttpMethods() {
    }

    public static String normalize(String method) {
        String m = method == null ? "GET" : method.trim().toUpperCase(Locale.ROOT);
        if (!ALLOWED.contains(m)) {
            throw new IllegalArgumentException("unknown HTTP method '" + method + "'");
        }
        return m;
    }
}
