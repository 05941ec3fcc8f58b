package io.sideeye.control.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Exact-path routing table: path -> method -> route, with a flag for public assets. */
public final class Router {
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** Registers {@code route} for {@code method} on {@code path}; it requires the token. */
    public Router add(String method, String path, Route route) {
        return add(method, path, route, false);
    }

    /** Registers a route that needs no token (static, non-secret assets). */
    public Router addPublic(String method, String path, Route route) {
        return add(method, path, route, true);
    }

    private Router add(String method, String path, Route route, boolean isPublic) {
        Entry entry = entries.computeIfAbsent(path, p -> new Entry(isPublic, new TreeMap<>()));
        if (entry.isPublic() != isPublic) {
            throw new IllegalStateException("route " + path + " cannot be both public and protected");
        }
        if (entry.methods().putIfAbsent(method, route) != null) {
            throw new IllegalStateException("route " + method + " " + path + " is registered twice");
        }
        return this;
    }

    /** The entry for {@code path}, or null. */
    public Entry find(String path) {
        return entries.get(path);
    }

    /**
     * The routes of one path.
     *
     * @param isPublic whether they need no token
     * @param methods  method -> route
     */
    public record Entry(boolean isPublic, Map<String, Route> methods) {
        /** The route for {@code method} ({@code HEAD} falls back to {@code GET}), or null. */
        public Route routeFor(String method) {
            Route r = methods.get(method);
            return r == null && "HEAD".equals(method) ? methods.get("GET") : r;
        }

        /** The value of an {@code Allow} header. */
        public String allowHeader() {
            return String.join(", ", methods.keySet());
        }
    }
}
