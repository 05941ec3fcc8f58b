package io.sideeye.service.health;

import io.sideeye.service.http.HttpReply;
import io.sideeye.service.http.ReplyBody;
import io.sideeye.service.json.PlainJson;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Recognises, while a backend starts, answers that say the health URL itself is wrong, so the
 * start can fail at once with the remedy instead of polling until {@code startupTimeout}: the
 * server is up, but nothing healthy will ever be served at that path. That is a 400 (Django
 * refusing a host that is not in {@code ALLOWED_HOSTS}), a 404 or 410 (no such URL), a 405 (no
 * GET), a 401 or 403 (a login or permission), a redirect (to a login page,
 * or to the path with a slash added) and, under the health contract, a 2xx answer that is not the
 * health app's (an HTML page, or JSON without the instance id). A 5xx or a 429 is not one of
 * them: applications answer 503 while they warm up.
 */
public final class WrongEndpoint {
    /** What a project with the sideeye health app does; also the doctor's remedy. */
    public static final String ADD_THE_APP = "add the health app ('sideeye_health' in INSTALLED_APPS and"
            + " path('api/', include('sideeye_health.urls')) in urls.py)";

    private WrongEndpoint() {
    }

    /**
     * Why answers like {@code reply} will never be healthy, or null when a later one may be.
     *
     * @param contract whether answers are judged by the health contract with the instance id
     * @param expected the configured {@code healthStatus} codes (empty: the contract, or any 2xx)
     */
    public static String reason(HttpReply reply, boolean contract, List<Integer> expected) {
        int status = reply.status();
        if (expected.contains(status)) {
            return null;
        }
        if (status == 400) {
            return "HTTP 400: the backend refuses the request itself (Django does so for a host not in ALLOWED_HOSTS)";
        }
        if (status == 404 || status == 410) {
            return "HTTP " + status + ": no URL of the backend matches this path";
        }
        if (status == 405) {
            return "HTTP 405: this URL does not answer GET";
        }
        if (status == 401 || status == 403) {
            return "HTTP " + status + ": this URL needs a login or a permission the health check does not have";
        }
        if (status >= 300 && status < 400) {
            return "HTTP " + status + ": a redirect (to a login page, or to the path with a slash added)";
        }
        if (contract && status >= 200 && status < 300 && !carriesInstance(reply)) {
            return ReplyBody.isHtml(reply.contentType()) ? "HTTP " + status + ": an HTML page, not the health JSON"
                    : "HTTP " + status + ": not the sideeye health app's answer (no instance id)";
        }
        return null;
    }

    /**
     * The remedy for {@link #reason} of an answer with {@code status}, for a backend judged by the
     * contract or by expectations.
     */
    public static String remedy(int status, boolean contract) {
        if (status == 400) {
            return "add the host the manager calls it by ('127.0.0.1', and 'localhost') to ALLOWED_HOSTS in the"
                    + " settings, or run it with DEBUG on";
        }
        return contract
                ? ADD_THE_APP + "; or, for a project that cannot add it, point healthPath at a URL it serves and"
                        + " set healthStatus or healthBodyContains, or set health: tcp"
                : "point healthPath at a URL the backend serves to anyone and set healthStatus to the codes it"
                        + " answers, or set health: tcp";
    }

    private static boolean carriesInstance(HttpReply reply) {
        if (!ReplyBody.readAsJson(reply)) {
            return false;
        }
        try {
            return PlainJson.parse(reply.body()) instanceof Map<?, ?> json && json.get("instance") != null;
        } catch (IOException malformed) {
            return false;
        }
    }
}
