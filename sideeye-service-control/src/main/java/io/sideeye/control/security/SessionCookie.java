package io.sideeye.control.security;

/**
 * The browser session: an HttpOnly, SameSite=Strict cookie holding the token, set once by
 * opening {@code /?token=...}. Its name carries the port because cookies are shared by every
 * port of a host, and two control servers must not overwrite each other's session.
 */
public final class SessionCookie {
    private final String name;

    /** The cookie of the server bound to {@code port}. */
    public SessionCookie(int port) {
        this.name = "sideeye_session_" + port;
    }

    /** The cookie's name. */
    public String name() {
        return name;
    }

    /** The {@code Set-Cookie} value that stores {@code token} for this browser session. */
    public String setCookieValue(AccessToken token) {
        return name + "=" + token.reveal() + "; Path=/; HttpOnly; SameSite=Strict";
    }

    /** The value of our cookie in a {@code Cookie} header, or null when absent. */
    public String valueIn(String cookieHeader) {
        if (cookieHeader == null) {
            return null;
        }
        for (String part : cookieHeader.split(";")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).equals(name)) {
                return p.substring(eq + 1);
            }
        }
        return null;
    }
}
