package io.sideeye.control.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Exact-path routing table: path -> method -> route, with a flag for public assets and, per
 * method, whether the route is quick (served on the server's connection thread, see
 * {@link RequestDeadline}).
 */
public final class Router {
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** Registers {@code route} for {@code method} on {@code path}; it requires the token. */
    public Router add(String method, String path, Route route) {
        return add(method, path, route, false, false);
    }

    /**
     * Registers a quick route, which requires the token: it takes no body, does not wait for
     * anything (no lock held for long, no service operation, no remote call) and answers with a
     * small reply or hands its exchange to another thread (an event stream), so it is served on
     * the server's connection thread without a hand-over to a request thread. Its answer is
     * written within the request deadline.
     */
    public Router addQuick(String method, String path, Route route) {
        return add(method, path, route, false, true);
    }

    /** Registers a route that needs no token (static, non-secret assets). */
    public Router addPublic(String method, String path, Route route) {
        return add(method, path, route, true, false);
    }

    private Router add(String method, String path, Route route, boolean isPublic, boolean quick) {
        Entry entry = entries.computeIfAbsent(path, p -> new Entry(isPublic, new TreeMap<>(), new TreeSet<>()));
        if (entry.isPublic() != isPublic) {
            throw new IllegalStateException("route " + path + " cannot be both public and protected");
        }
        if (entry.methods().putIfAbsent(method, route) != null) {
            throw new IllegalStateException("route " + method + " " + path + " is registered twice");
        }
        if (quick) {
            entry.quick().add(method);
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
     * @param quick    the methods whose routes are quick ({@link #addQuick})
     */
    public record Entry(boolean isPublic, Map<String, Route> methods, Set<String> quick) {
        /** The route for {@code method} ({@code HEAD} falls back to {@code GET}), or null. */
        public Route routeFor(String method) {
            Route r = methods.get(method);
            return r == null && "HEAD".equals(method) ? methods.get("GET") : r;
        }

        /** Whether {@code method}'s route is quick ({@code HEAD} as {@code GET} where it has none). */
        public boolean isQuick(String method) {
            return quick.contains(method)
                    || "HEAD".equals(method) && !methods.containsKey("HEAD") && quick.contains("GET");
        }

        /** The value of an {@code Allow} header. */
        public String allowHeader() {
            return String.join(", ", methods.keySet());
        }
    }
}
