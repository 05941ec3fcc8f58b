package io.sideeye.control.ipc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sideeye.control.http.ControlExchange;
import io.sideeye.control.http.Route;
import io.sideeye.control.http.Router;
import io.sideeye.control.metrics.EventCounters;
import io.sideeye.control.sse.SseHub;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceGroup;
import io.sideeye.service.ServiceJson;
import io.sideeye.service.ServiceStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * The seed's IPC channels as routes, each addressing one service of the attached group (the
 * default one unless {@code ?service=} names another; see {@link ServiceTarget}). Replies are
 * the seed's envelopes; the HTTP status says whether the request could be served at all: 200
 * when the operation ran (read {@code success}), 400/413/415 for a bad request, 404 for an
 * unknown service, 503 when nothing is attached or the service is not running. Lifecycle routes
 * answer when the group's future completes, without holding a server thread meanwhile.
 */
public final class IpcRoutes {
    private final GroupSlot slot;
    private final Executor replies;
    private final Route apiCall;
    private final Route logs;
    private final Route events;

    /**
     * @param hub      the event streams
     * @param counters event counters for the metrics
     * @param replies  where asynchronous replies are written (a server thread, never the group's)
     */
    public IpcRoutes(SseHub hub, EventCounters counters, Executor replies) {
        this.slot = new GroupSlot(hub, new EventForwarder(hub, counters));
        this.replies = replies;
        this.apiCall = new ApiCallRoute(slot, counters, replies)::handle;
        this.logs = new LogsRoute(slot)::handle;
        this.events = new EventsRoute(hub, slot)::handle;
    }

    /** The attached group's holder. */
    public GroupSlot slot() {
        return slot;
    }

    /** Registers every {@code /ipc/...} route. */
    public void register(Router router) {
        router.add("POST", "/ipc/django-service-start", ex -> lifecycle(ex, ServiceGroup::start, "start"));
        router.add("POST", "/ipc/django-service-stop", ex -> lifecycle(ex, ServiceGroup::stop, "stop"));
        router.add("POST", "/ipc/django-service-restart", ex -> lifecycle(ex, ServiceGroup::restart, "restart"));
        // the same restart, which hands over without downtime where the server can share its port
        router.add("POST", "/ipc/django-service-reload", ex -> lifecycle(ex, ServiceGroup::restart, "reload"));
        router.add("POST", "/ipc/django-service-health-check", this::healthCheck);
        router.addQuick("GET", "/ipc/django-service-status", this::status);
        router.addQuick("GET", "/ipc/services", this::services);
        router.add("POST", "/ipc/django-api-call", apiCall);
        router.add("GET", "/ipc/logs", logs);
        router.addQuick("GET", "/ipc/events", events); // subscribes; the stream's writers write it
    }

    private void lifecycle(ControlExchange ex, BiFunction<ServiceGroup, String, CompletableFuture<Boolean>> op,
                           String verb) {
        ServiceGroup group = attached(ex, null, null);
        if (group == null) {
            return;
        }
        ServiceTarget target = ServiceTarget.of(group, ex);
        reply(op.apply(group, target.name()), (ok, error) -> {
            if (error != null) {
                ex.sendJson(200, Envelopes.failure(Envelopes.message(error)));
            } else if (ok) {
                ex.sendJson(200, Envelopes.ok());
            } else {
                ex.sendJson(200, Envelopes.failure(FailureReason.of(target, verb)));
            }
        });
    }

    private void healthCheck(ControlExchange ex) {
        ServiceGroup group = attached(ex, "healthy", false);
        if (group == null) {
            return;
        }
        ServiceTarget target = ServiceTarget.of(group, ex);
        List<CompletableFuture<Boolean>> checks = target.instances().stream().map(DjangoServiceManager::healthCheck)
                .toList();
        reply(CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)), (done, error) -> {
            ObjectNode n = error == null ? Envelopes.ok() : Envelopes.failure(Envelopes.message(error));
            n.put("healthy", error == null && checks.stream().allMatch(CompletableFuture::join));
            if (error == null && checks.size() > 1) {
                ArrayNode each = n.putArray("instances");
                for (int i = 0; i < checks.size(); i++) {
                    each.addObject().put("instance", i + 1).put("healthy", checks.get(i).join());
                }
            }
            ex.sendJson(200, n);
        });
    }

    private void status(ControlExchange ex) {
        ServiceGroup group = attached(ex, "status", null);
        if (group == null) {
            return;
        }
        ServiceTarget target = ServiceTarget.of(group, ex);
        List<DjangoServiceManager> instances = target.instances();
        ObjectNode n = Envelopes.ok();
        n.set("status", ServiceJson.toJson(instances.get(0).getStatus()));
        if (instances.size() > 1) {
            ArrayNode each = n.putArray("instances");
            instances.forEach(m -> each.add(ServiceJson.toJson(m.getStatus())));
        }
        ex.sendJson(200, n);
    }

    private void services(ControlExchange ex) {
        ServiceGroup group = attached(ex, "data", null);
        if (group == null) {
            return;
        }
        String only = ex.query(ServiceTarget.PARAM);
        Map<String, List<ServiceStatus>> all = group.status();
        if (only != null && !only.isEmpty()) {
            String name = ServiceTarget.of(group, only).name();
            all = Map.of(name, all.get(name));
        }
        ObjectNode data = ServiceJson.object();
        data.put("default", group.defaultService());
        data.set("services", ServiceJson.groupToJson(all));
        ObjectNode n = Envelopes.ok();
        n.set("data", data);
        ex.sendJson(200, n);
    }

    /**
     * The attached group, or null after answering 503 with the "not initialized" envelope (with
     * {@code extraKey: extraValue} when {@code extraKey} is not null).
     */
    private ServiceGroup attached(ControlExchange ex, String extraKey, Object extraValue) {
        ServiceGroup group = slot.get();
        if (group == null) {
            ex.sendJson(503, Envelopes.notInitialized(extraKey, extraValue));
        }
        return group;
    }

    private <T> void reply(CompletableFuture<T> future, BiConsumer<T, Throwable> answer) {
        future.whenCompleteAsync(answer, replies);
    }
}
