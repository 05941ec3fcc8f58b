package io.sideeye.control.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sideeye.control.http.ControlExchange;
import io.sideeye.control.http.HttpStatusException;
import io.sideeye.control.http.Router;
import io.sideeye.control.metrics.EventCounters;
import io.sideeye.control.sse.SseHub;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.LogLine;
import io.sideeye.service.ServiceJson;
import io.sideeye.service.ServiceNotRunningException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The seed's IPC channels as routes. Replies are the seed's envelopes; the HTTP status says
 * whether the request could be served at all: 200 when the operation ran (read
 * {@code success}), 400/413/415 for a bad request, 503 when no manager is attached or the
 * service is not running. Lifecycle routes answer when the manager's future completes, without
 * holding a server thread meanwhile.
 */
public final class IpcRoutes {
    /** Most log lines one {@code /ipc/logs} request may ask for. */
    static final int MAX_LOG_LINES = 10_000;

    private final ManagerSlot slot;
    private final SseHub hub;
    private final EventCounters counters;
    private final Executor replies;

    /**
     * @param hub      the event streams
     * @param counters event counters for the metrics
     * @param replies  where asynchronous replies are written (a server thread, never the manager's)
     */
    public IpcRoutes(SseHub hub, EventCounters counters, Executor replies) {
        this.hub = hub;
        this.counters = counters;
        this.replies = replies;
        this.slot = new ManagerSlot(hub, new EventForwarder(hub, counters));
    }

    /** The attached manager's holder. */
    public ManagerSlot slot() {
        return slot;
    }

    /** Registers every {@code /ipc/...} route. */
    public void register(Router router) {
        router.add("POST", "/ipc/django-service-start", ex -> lifecycle(ex, DjangoServiceManager::start, "start"));
        router.add("POST", "/ipc/django-service-stop", ex -> lifecycle(ex, DjangoServiceManager::stop, "stop"));
        router.add("POST", "/ipc/django-service-restart", ex -> lifecycle(ex, DjangoServiceManager::restart, "restart"));
        router.add("POST", "/ipc/django-service-health-check", this::healthCheck);
        router.add("GET", "/ipc/django-service-status", this::status);
        router.add("POST", "/ipc/django-api-call", this::apiCall);
        router.add("GET", "/ipc/logs", this::logs);
        router.add("GET", "/ipc/events", new EventsRoute(hub, slot)::handle);
    }

    private void lifecycle(ControlExchange ex, Function<DjangoServiceManager, CompletableFuture<Boolean>> op,
                           String verb) {
        DjangoServiceManager m = slot.get();
        if (m == null) {
            ex.sendJson(503, Envelopes.notInitialized(null, null));
            return;
        }
        reply(ex, op.apply(m), (ok, error) -> {
            if (error != null) {
                ex.sendJson(200, Envelopes.failure(Envelopes.message(error)));
            } else if (ok) {
                ex.sendJson(200, Envelopes.ok());
            } else {
                String why = m.getStatus().lastError();
                ex.sendJson(200, Envelopes.failure(why != null ? why
                        : "Django service did not " + verb + "; see the error event or the log"));
            }
        });
    }

    private void healthCheck(ControlExchange ex) {
        DjangoServiceManager m = slot.get();
        if (m == null) {
            ex.sendJson(503, Envelopes.notInitialized("healthy", false));
            return;
        }
        reply(ex, m.healthCheck(), (healthy, error) -> {
            ObjectNode n = error == null ? Envelopes.ok() : Envelopes.failure(Envelopes.message(error));
            n.put("healthy", error == null && healthy);
            ex.sendJson(200, n);
        });
    }

    private void status(ControlExchange ex) {
        DjangoServiceManager m = slot.get();
        if (m == null) {
            ex.sendJson(503, Envelopes.notInitialized("status", null));
            return;
        }
        ObjectNode n = Envelopes.ok();
        n.set("status", ServiceJson.toJson(m.getStatus()));
        ex.sendJson(200, n);
    }

    private void apiCall(ControlExchange ex) throws java.io.IOException {
        ApiCallRequest call = ApiCallRequest.parse(ex.readJsonObject());
        DjangoServiceManager m = slot.get();
        if (m == null) {
            ex.sendJson(503, Envelopes.notInitialized(null, null));
            return;
        }
        reply(ex, m.apiCall(call.endpoint(), call.method(), call.data()), (response, error) -> {
            Throwable cause = error == null ? null : Envelopes.unwrap(error);
            if (cause instanceof IllegalArgumentException) {
                ex.sendJson(400, Envelopes.failure(cause.getMessage()));
            } else if (cause instanceof ServiceNotRunningException) {
                ex.sendJson(503, Envelopes.failure(cause.getMessage()));
            } else if (cause != null) {
                ex.sendJson(200, Envelopes.failure(Envelopes.message(cause)));
            } else {
                counters.recordControlApiCall(response.success());
                ex.sendJson(200, response);
            }
        });
    }

    private void logs(ControlExchange ex) {
        int n = parseLineCount(ex.query("n"));
        DjangoServiceManager m = slot.get();
        if (m == null) {
            ex.sendJson(503, Envelopes.notInitialized("lines", List.of()));
            return;
        }
        List<LogLine> all = m.recentLogs();
        ArrayNode lines = ServiceJson.mapper().valueToTree(all.subList(Math.max(0, all.size() - n), all.size()));
        ObjectNode reply = Envelopes.ok();
        reply.set("lines", lines);
        ex.sendJson(200, reply);
    }

    static int parseLineCount(String text) {
        if (text == null) {
            return 100;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 0 && n <= MAX_LOG_LINES) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new HttpStatusException(400, "n must be a whole number from 0 to " + MAX_LOG_LINES + ", got '"
                + text + "'");
    }

    private <T> void reply(ControlExchange ex, CompletableFuture<T> future, BiConsumer<T, Throwable> answer) {
        future.whenCompleteAsync(answer, replies);
    }

    /**
     * The body of {@code /ipc/django-api-call}.
     *
     * @param endpoint relative API path such as {@code /notes/}
     * @param method   HTTP method, {@code GET} when absent
     * @param data     the JSON body to send, or null
     */
    record ApiCallRequest(String endpoint, String method, JsonNode data) {
        static ApiCallRequest parse(ObjectNode body) {
            JsonNode endpoint = body.get("endpoint");
            if (endpoint == null || !endpoint.isTextual()) {
                throw new HttpStatusException(400, "'endpoint' must be a string such as \"/notes/\"");
            }
            JsonNode method = body.get("method");
            if (method != null && !method.isNull() && !method.isTextual()) {
                throw new HttpStatusException(400, "'method' must be a string such as \"POST\"");
            }
            JsonNode data = body.get("data");
            return new ApiCallRequest(endpoint.asText(),
                    method == null || method.isNull() ? "GET" : method.asText(),
                    data == null || data.isNull() ? null : data);
        }
    }
}
