package io.sideeye.control.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.sideeye.control.security.RequestGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's single handler: sets the common security headers, runs the {@link RequestGuard},
 * routes, and turns failures into JSON errors. Nothing here logs a query string or a header
 * value, so no credential reaches a log.
 */
public final class Dispatcher implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Router router;
    private final RequestGuard guard;
    private final long maxBodyBytes;

    /**
     * A dispatcher over {@code router} guarded by {@code guard}, whose extra origins also get
     * CORS answers; request bodies above {@code maxBodyBytes} are refused.
     */
    public Dispatcher(Router router, RequestGuard guard, long maxBodyBytes) {
        this.router = router;
        this.guard = guard;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(HttpExchange raw) {
        ControlExchange ex = new ControlExchange(raw, maxBodyBytes);
        guarded(ex, () -> {
            addCommonHeaders(ex);
            dispatch(ex);
        });
    }

    /** Runs {@code step} of serving {@code ex}, turning its failures into JSON errors. */
    private static void guarded(ControlExchange ex, Step step) {
        try {
            step.run();
        } catch (HttpStatusException e) {
            ex.sendError(e.status(), e.getMessage());
        } catch (Exception e) {
            LOG.warn("control request {} {} failed", ex.method(), ex.path(), e);
            ex.sendError(500, "internal error while serving " + ex.path() + ": " + e.getClass().getSimpleName()
                    + "; see the host application's log");
        }
    }

    /**
     * Answers refusals, preflights and quick routes on the calling thread (the server's
     * connection thread, see {@link RequestDeadline}); hands every other route, and any request
     * with a body, to a request thread before its body is read.
     */
    private void dispatch(ControlExchange ex) throws Exception {
        String method = ex.method();
        Router.Entry entry = router.find(ex.path());
        if ("OPTIONS".equals(method)) {
            answerPreflight(ex);
            return;
        }
        RequestGuard.Verdict verdict = guard.check(method, ex.requestHeaders(), entry != null && entry.isPublic());
        if (!verdict.allowed()) {
            refuse(ex, verdict);
            return;
        }
        if (entry == null) {
            ex.sendError(404, "no route " + ex.path() + "; see docs/CONTROL.md for the routes");
            return;
        }
        Route route = entry.routeFor(method);
        if (route == null) {
            ex.responseHeaders().set("Allow", entry.allowHeader());
            ex.sendError(405, ex.path() + " accepts " + entry.allowHeader() + ", not " + method);
            return;
        }
        if (entry.isQuick(method) && !ex.hasBody()) {
            route.handle(ex);
            return;
        }
        RequestDeadline.handOff(() -> guarded(ex, () -> {
            if (ex.hasBody()) {
                ex.readBody(); // within the request deadline; the route gets it from memory
            }
            RequestDeadline.arrived(); // the route may take its time (an event stream, a start)
            route.handle(ex);
        }));
    }

    /** One step of serving a request. */
    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private void refuse(ControlExchange ex, RequestGuard.Verdict verdict) {
        LOG.debug("refused {} {}: {}", ex.method(), ex.path(), verdict.status());
        ex.sendError(verdict.status(), verdict.reason());
    }

    private void answerPreflight(ControlExchange ex) {
        RequestGuard.Verdict host = guard.check("OPTIONS", ex.requestHeaders(), true);
        String origin = ex.requestHeaders().getFirst("Origin");
        if (!host.allowed()) {
            refuse(ex, host);
        } else if (origin != null && !guard.origins().isExtra(origin)) {
            ex.sendError(403, "cross-origin requests from " + origin + " are not allowed");
        } else {
            ex.responseHeaders().set("Allow", "GET, POST, OPTIONS");
            if (origin != null) {
                ex.responseHeaders().set("Access-Control-Allow-Methods", "GET, POST");
                ex.responseHeaders().set("Access-Control-Allow-Headers", "Authorization, Content-Type");
                ex.responseHeaders().set("Access-Control-Max-Age", "600");
            }
            ex.send(204, null, new byte[0]);
        }
    }

    private void addCommonHeaders(ControlExchange ex) {
        var h = ex.responseHeaders();
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Cache-Control", "no-store");
        h.set("Referrer-Policy", "no-referrer");
        h.set("X-Frame-Options", "DENY");
        String origin = ex.requestHeaders().getFirst("Origin");
        if (guard.origins().isExtra(origin)) {
            h.set("Access-Control-Allow-Origin", origin);
            h.set("Vary", "Origin");
        }
    }
}
