package io.sideeye.control.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sideeye.control.http.ControlExchange;
import io.sideeye.control.http.HttpStatusException;
import io.sideeye.control.http.Router;
import io.sideeye.control.security.AccessToken;
import io.sideeye.control.security.BrowserSessions;
import io.sideeye.service.ServiceJson;
import java.io.IOException;
import java.net.URI;

/**
 * The dashboard's sign-in routes ({@link BrowserSessions}):
 * <ul>
 * <li>{@code POST /ipc/session} with {@code {"code": "..."}}: the page trades the one-time code
 * of its link for a session value. Public (the code is the credential); a code works once.</li>
 * <li>{@code POST /ipc/dashboard-link}: a new link, for a holder of the control token (e.g.
 * {@code sideeye dashboard}); a browser session cannot mint links, so it ends when it expires.</li>
 * </ul>
 */
public final class SignInRoutes {
    private SignInRoutes() {
    }

    /** Registers the routes of the server at {@code base} ({@code http://127.0.0.1:<port>/}). */
    public static void register(Router router, BrowserSessions sessions, AccessToken token, URI base) {
        router.addPublic("POST", "/ipc/session", ex -> session(ex, sessions));
        router.add("POST", "/ipc/dashboard-link", ex -> link(ex, sessions, token, base));
    }

    private static void session(ControlExchange ex, BrowserSessions sessions) throws IOException {
        ObjectNode body = ex.readJsonObject();
        String session = sessions.exchange(body.path("code").isTextual() ? body.path("code").asText() : null);
        if (session == null) {
            throw new HttpStatusException(401, "this dashboard link was used already or is unknown; open a new"
                    + " dashboard link ('sideeye dashboard' prints one)");
        }
        ObjectNode answer = ServiceJson.object();
        answer.put("success", true);
        answer.put("session", session);
        answer.put("expiresInSeconds", BrowserSessions.SESSION_LIFETIME.toSeconds());
        ex.sendJson(200, answer);
    }

    private static void link(ControlExchange ex, BrowserSessions sessions, AccessToken token, URI base) {
        String auth = ex.requestHeaders().getFirst("Authorization");
        if (auth == null || !token.matches(auth.substring(Math.min(auth.length(), 7)).trim())) {
            throw new HttpStatusException(403, "only the control token can ask for a dashboard link, not a"
                    + " browser session");
        }
        ObjectNode answer = ServiceJson.object();
        answer.put("success", true);
        answer.put("url", base.resolve("/#code=" + sessions.newCode()).toString());
        ex.sendJson(200, answer);
    }
}
