package io.sideeye.control.security;

import com.sun.net.httpserver.Headers;
import java.util.Set;

/**
 * Applies the control server's access rules to one request, in this order: the {@code Host}
 * must name us (403), the token must be presented as {@code Authorization: Bearer} or as the
 * session cookie (401), and a state-changing request must not come from a foreign origin (403).
 * Public assets need no token but still pass the Host check.
 */
public final class RequestGuard {
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final AccessToken token;
    private final HostCheck hosts;
    private final OriginCheck origins;
    private final SessionCookie cookie;

    /** A guard for the server holding {@code token}. */
    public RequestGuard(AccessToken token, HostCheck hosts, OriginCheck origins, SessionCookie cookie) {
        this.token = token;
        this.hosts = hosts;
        this.origins = origins;
        this.cookie = cookie;
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
                    + " or open the dashboard URL printed at startup");
        }
        if (!SAFE_METHODS.contains(method)
                && !origins.allows(headers.getFirst("Origin"), headers.getFirst("Sec-Fetch-Site"))) {
            return Verdict.deny(403, "cross-site request refused: this route changes state and only accepts"
                    + " requests from the control server's own pages");
        }
        return Verdict.ALLOW;
    }

    /** Whether the request presents the token (bearer header or session cookie). */
    public boolean isAuthenticated(Headers headers) {
        String auth = headers.getFirst("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return token.matches(auth.substring(7).trim());
        }
        return token.matches(cookie.valueIn(headers.getFirst("Cookie")));
    }

    /** Whether {@code candidate} (e.g. from {@code /?token=}) is the token. */
    public boolean isToken(String candidate) {
        return token.matches(candidate);
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
