package io.sideeye.service;

import io.sideeye.service.group.DependencyGraph;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops a group's services in dependency order. Nothing here blocks: each service's
 * step is a future chained on the futures of the services it waits for, and every manager call
 * only submits work to that manager. A stop overtakes starts still waiting for their
 * dependencies: each start checks, under one short lock that is never held while a listener
 * runs, that no stop of its service was requested since the start began.
 */
final class GroupLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(GroupLifecycle.class);

    private final Map<String, GroupMember> members;
    private final DependencyGraph graph;
    private final Object gate = new Object();

    GroupLifecycle(Map<String, GroupMember> members, DependencyGraph graph) {
        this.members = members;
        this.graph = graph;
    }

    /**
     * Starts {@code services} (which must hold every service they run after): each once all it
     * runs after are healthy. True when every one of them is healthy.
     */
    CompletableFuture<Boolean> start(Set<String> services) {
        Map<String, CompletableFuture<Boolean>> started = new HashMap<>();
        for (String name : graph.startOrder()) {
            if (!services.contains(name)) {
                continue;
            }
            GroupMember member = members.get(name);
            long stops = member.stops().get();
            List<String> deps = graph.dependencies(name);
            List<CompletableFuture<Boolean>> waits = deps.stream().map(started::get).toList();
            started.put(name, all(waits).thenCompose(ignored -> {
                String failed = firstFailed(deps, waits);
                return failed != null ? block(member, failed, stops) : startInstances(member, stops);
            }));
        }
        return all(started.values());
    }

    /**
     * Stops every service, each after all services that run after it. True when all stopped.
     * Every instance holds its automatic restarts from the start, so one whose process ends
     * while it waits for its turn (e.g. a signal that reached the whole process group) is stopped
     * there and then instead of being restarted.
     */
    CompletableFuture<Boolean> stopAll() {
        synchronized (gate) {
            members.values().forEach(m -> m.stops().incrementAndGet());
        }
        members.values().forEach(m -> m.managers().forEach(DjangoServiceManager::holdRestarts));
        Map<String, CompletableFuture<Boolean>> stopped = new HashMap<>();
        List<String> order = new ArrayList<>(graph.startOrder());
        java.util.Collections.reverse(order);
        for (String name : order) {
            List<CompletableFuture<Boolean>> dependants = graph.dependants(name).stream().map(stopped::get).toList();
            GroupMember member = members.get(name);
            stopped.put(name, all(dependants).thenCompose(ignored -> each(member, DjangoServiceManager::stop)));
        }
        return all(stopped.values());
    }

    /** Stops the instances of one service only. */
    CompletableFuture<Boolean> stop(GroupMember member) {
        synchronized (gate) {
            member.stops().incrementAndGet();
        }
        return each(member, DjangoServiceManager::stop);
    }

    /** Restarts the instances of one service. */
    CompletableFuture<Boolean> restart(GroupMember member) {
        return each(member, DjangoServiceManager::restart);
    }

    private CompletableFuture<Boolean> startInstances(GroupMember member, long stops) {
        synchronized (gate) {
            if (member.stops().get() != stops) {
                return CompletableFuture.completedFuture(false); // a stop came first
            }
            return each(member, GroupLifecycle::startInstance);
        }
    }

    /** An instance counts as started once healthy; an external one once its first check passed. */
    private static CompletableFuture<Boolean> startInstance(DjangoServiceManager m) {
        if (GroupMember.isHealthy(m.getStatus())) {
            return CompletableFuture.completedFuture(true);
        }
        return m.start().thenCompose(ok -> ok && m.config().attached()
                ? m.healthCheck() : CompletableFuture.completedFuture(ok));
    }

    private CompletableFuture<Boolean> block(GroupMember member, String failed, long stops) {
        String message = member.name() + " not started: it runs after " + failed + ", which failed to start";
        synchronized (gate) {
            if (member.stops().get() != stops) {
                return CompletableFuture.completedFuture(false);
            }
            return each(member, m -> m.refuseStart(message)).thenApply(ignored -> false);
        }
    }

    private static CompletableFuture<Boolean> each(GroupMember member,
                                                   Function<DjangoServiceManager, CompletableFuture<Boolean>> step) {
        return all(member.managers().stream().map(step).toList());
    }

    /** True when every future completed with true; a failed one counts as false (and is logged). */
    private static CompletableFuture<Boolean> all(Collection<CompletableFuture<Boolean>> futures) {
        List<CompletableFuture<Boolean>> safe = futures.stream().map(f -> f.handle((ok, e) -> {
            if (e != null) {
                LOG.warn("a service group step failed", e);
            }
            return e == null && Boolean.TRUE.equals(ok);
        })).toList();
        return CompletableFuture.allOf(safe.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> safe.stream().allMatch(CompletableFuture::join));
    }

    private static String firstFailed(List<String> deps, List<CompletableFuture<Boolean>> waits) {
        for (int i = 0; i < deps.size(); i++) {
            if (!Boolean.TRUE.equals(waits.get(i).handle((ok, e) -> e == null && ok).join())) {
                return deps.get(i);
            }
        }
        return null;
    }
}
