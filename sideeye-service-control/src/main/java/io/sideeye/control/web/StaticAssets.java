package io.sideeye.control.web;

import io.sideeye.control.http.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The dashboard and {@code sideeye-client.js}, served from the jar. The page needs the token
 * (it is the signed-in view); its scripts, styles and icon are public because they hold no
 * secrets, which lets other pages on this origin import {@code /sideeye-client.js}.
 */
public final class StaticAssets {
    private static final String BASE = "/io/sideeye/control/web/";
    private static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none';"
            + " frame-ancestors 'none'";
    private static final String JS = "text/javascript; charset=utf-8";

    private StaticAssets() {
    }

    /** Registers the page and its assets. */
    public static void register(Router router) {
        byte[] page = load("index.html");
        // Public: the page holds no data; it signs in with the code of its link (BrowserSessions).
        router.addPublic("GET", "/", ex -> {
            ex.responseHeaders().set("Content-Security-Policy", PAGE_POLICY);
            ex.send(200, "text/html; charset=utf-8", page);
        });
        asset(router, "/sideeye-client.js", "sideeye-client.js", JS);
        for (String module : new String[] {"dashboard.js", "chart.js", "dom.js", "states.js", "selector.js",
                "log-view.js", "event-list.js", "api-console.js", "session.js"}) {
            asset(router, "/assets/" + module, module, JS);
        }
        asset(router, "/assets/dashboard.css", "dashboard.css", "text/css; charset=utf-8");
        asset(router, "/assets/favicon.svg", "favicon.svg", "image/svg+xml");
    }

    private static void asset(Router router, String path, String resource, String type) {
        byte[] body = load(resource);
        router.addPublic("GET", path, ex -> ex.send(200, type, body));
    }

    private static byte[] load(String name) {
        try (InputStream in = StaticAssets.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("the jar is missing the dashboard resource " + BASE + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dashboard resource " + BASE + name, e);
        }
    }
}
