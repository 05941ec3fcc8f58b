package io.sideeye.control.security;

import com.sun.net.httpserver.Headers;
import java.util.Set;

/**
 * Applies the control server's access rules to one request, in this order: the {@code Host}
 * must name us (403), the token or a browser session value ({@link BrowserSessions}) must be
 * presented as {@code Authorization: Bearer} (401; cookies are never read), and a
 * state-changing request must not come from a foreign origin (403).
 * Public assets need no token but still pass the Host check.
 */
public final class RequestGuard {
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final AccessToken token;
    private final HostCheck hosts;
    private final OriginCheck origins;
    private final BrowserSessions sessions;

    /** A guard for the server holding {@code token}. */
    public RequestGuard(AccessToken token, HostCheck hosts, OriginCheck origins, BrowserSessions sessions) {
        this.token = token;
        this.hosts = hosts;
        this.origins = origins;
        this.sessions = sessions;
    }

    /** The origins this guard admits besides our own. */
    public OriginCheck origins() {
        return origins;
    }

    /**
     * The verdict for a request.
     *
     * @param method  the HTTP method
     * @param headers the request headers
     * @param isPublic whether the route serves a public asset (no token needed)
     */
    public Verdict check(String method, Headers headers, boolean isPublic) {
        if (!hosts.allows(headers.getFirst("Host"))) {
            return Verdict.deny(403, "Host header does not name this server; use http://127.0.0.1:<port>/");
        }
        if (isPublic) {
            return Verdict.ALLOW;
        }
        if (!isAuthenticated(headers)) {
            return Verdict.deny(401, "missing or wrong control token; send 'Authorization: Bearer <token>'"
                    + " or open a new dashboard link (printed at startup)");
        }
        if (!SAFE_METHODS.contains(method)
                && !origins.allows(headers.getFirst("Origin"), headers.getFirst("Sec-Fetch-Site"))) {
            return Verdict.deny(403, "cross-site request refused: this route changes state and only accepts"
                    + " requests from the control server's own pages");
        }
        return Verdict.ALLOW;
    }

    /** Whether the request presents the token or a valid browser session as a bearer credential. */
    public boolean isAuthenticated(Headers headers) {
        String auth = headers.getFirst("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        String credential = auth.substring(7).trim();
        return token.matches(credential) || sessions.isValid(credential);
    }

    /**
     * The outcome of a check.
     *
     * @param allowed whether the request may proceed
     * @param status  the HTTP status to answer with when refused
     * @param reason  why it was refused (never contains the token)
     */
    public record Verdict(boolean allowed, int status, String reason) {
        /** Proceed. */
        public static final Verdict ALLOW = new Verdict(true, 200, null);

        static Verdict deny(int status, String reason) {
            return new Verdict(false, status, reason);
        }
    }
}
