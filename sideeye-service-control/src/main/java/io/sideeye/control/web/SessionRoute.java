package io.sideeye.control.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sideeye.control.http.ControlExchange;
import io.sideeye.control.http.HttpStatusException;
import io.sideeye.control.http.Router;
import io.sideeye.control.security.BrowserSessions;
import io.sideeye.service.ServiceJson;
import java.io.IOException;

/**
 * {@code POST /ipc/session} with {@code {"code": "..."}}: the dashboard page trades the one-time
 * code of its link for a session value ({@link BrowserSessions}). Public (the code is the
 * credential); a code works once.
 */
public final class SessionRoute {
    private final BrowserSessions sessions;

    private SessionRoute(BrowserSessions sessions) {
        this.sessions = sessions;
    }

    /** Registers the route. */
    public static void register(Router router, BrowserSessions sessions) {
        router.addPublic("POST", "/ipc/session", new SessionRoute(sessions)::handle);
    }

    private void handle(ControlExchange ex) throws IOException {
        ObjectNode body = ex.readJsonObject();
        String session = sessions.exchange(body.path("code").isTextual() ? body.path("code").asText() : null);
        if (session == null) {
            throw new HttpStatusException(401, "this dashboard link was used already or is unknown; open a new"
                    + " dashboard link");
        }
        ObjectNode answer = ServiceJson.mapper().createObjectNode();
        answer.put("success", true);
        answer.put("session", session);
        answer.put("expiresInSeconds", BrowserSessions.SESSION_LIFETIME.toSeconds());
        ex.sendJson(200, answer);
    }
}
