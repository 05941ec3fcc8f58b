package io.sideeye.service;

import io.sideeye.service.group.DependencyGraph;
import io.sideeye.service.time.DurationText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, stops and replaces a group's services in dependency order. Nothing here blocks: each
 * service's step is a future chained on the futures of the services it waits for, and every
 * manager call only submits work to that manager.
 *
 * <p>A stop overtakes starts: every service has a count of stop requests, a start-like step is
 * given the counts as they were when it was asked for ({@link #marks()}), and it starts a service
 * only if, checked under one short lock that is never held while a listener runs, no stop of that
 * service was requested since. The counts belong to the service's name, so they survive a
 * replacement of the service.
 */
final class GroupLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(GroupLifecycle.class);

    private final Map<String, AtomicLong> stops = new HashMap<>();
    private final Object gate = new Object();
    private volatile GroupLayout layout;

    GroupLifecycle(GroupLayout layout) {
        this.layout = layout;
        layout.members().keySet().forEach(name -> stops.put(name, new AtomicLong()));
    }

    /** The services as they stand now. */
    GroupLayout layout() {
        return layout;
    }

    /** Every service's count of stop requests now, for a start-like step asked for now. */
    Map<String, Long> marks() {
        synchronized (gate) {
            Map<String, Long> marks = new HashMap<>();
            stops.forEach((name, count) -> marks.put(name, count.get()));
            return marks;
        }
    }

    /**
     * Starts {@code services} (which must hold every service they run after): each once all it
     * runs after are healthy, unless it was stopped after {@code marks} were taken. True when
     * every one of them is healthy.
     */
    CompletableFuture<Boolean> start(Set<String> services, Map<String, Long> marks) {
        GroupLayout now = layout;
        Map<String, CompletableFuture<Boolean>> started = new HashMap<>();
        for (String name : now.graph().startOrder()) {
            if (!services.contains(name)) {
                continue;
            }
            GroupMember member = now.member(name);
            List<String> deps = now.graph().dependencies(name);
            List<CompletableFuture<Boolean>> waits = deps.stream().map(started::get).toList();
            started.put(name, all(waits).thenCompose(ignored -> {
                String failed = firstFailed(deps, waits);
                return failed != null ? block(member, failed, marks) : startInstances(member, marks);
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
            stops.values().forEach(AtomicLong::incrementAndGet);
        }
        GroupLayout now = layout;
        now.members().values().forEach(m -> m.managers().forEach(DjangoServiceManager::holdRestarts));
        return stopInReverse(now, now.members().keySet());
    }

    /**
     * {@link #stopAll()}, waiting at most the longest {@code shutdownTimeout} plus a short grace
     * (a delay or failure is logged), for a group that closes.
     */
    void awaitStopAll() {
        Duration longest = layout.specs().stream().map(spec -> spec.config().shutdownTimeout())
                .max(Duration::compareTo).orElse(Duration.ZERO);
        List<String> names = List.copyOf(layout.members().keySet());
        try {
            stopAll().get(longest.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("services {} did not all stop within {} while closing the group", names,
                    DurationText.format(longest.plusSeconds(5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("stopping services {} failed while closing the group", names, e.getCause());
        }
    }

    /** Stops the instances of one service only. */
    CompletableFuture<Boolean> stop(String name) {
        synchronized (gate) {
            stops.get(name).incrementAndGet();
        }
        return each(layout.member(name), DjangoServiceManager::stop);
    }

    /**
     * Restarts the instances of one service one at a time (a rolling restart): each once the one
     * before is healthy again, so that the others keep answering meanwhile. An instance that does
     * not come back healthy ends the rollout: the instances after it are left running as they are
     * and the future completes with false.
     */
    CompletableFuture<Boolean> restart(String name) {
        CompletableFuture<Boolean> rollout = CompletableFuture.completedFuture(true);
        for (DjangoServiceManager m : layout.member(name).managers()) {
            rollout = rollout.thenCompose(ok -> ok ? all(List.of(m.restart())) : CompletableFuture.completedFuture(false));
        }
        return rollout;
    }

    /**
     * Puts {@code next} in place of the member of the same name (see {@link ServiceGroup#replace}):
     * when that service is running, it and its running dependants are stopped (dependants first),
     * the member is swapped and {@code swapped} told, then they are started again in dependency
     * order, unless stopped after {@code marks} were taken. True when all that was restarted is
     * healthy again (or, with nothing to restart, when the old instances stopped).
     */
    CompletableFuture<Boolean> replace(GroupMember next, DependencyGraph nextGraph, Map<String, Long> marks,
                                       BiConsumer<GroupMember, GroupMember> swapped) {
        GroupLayout before = layout;
        String name = next.name();
        GroupMember old = before.member(name);
        Set<String> restart = new LinkedHashSet<>();
        if (old.isRunning()) {
            for (String s : before.graph().withDependants(name)) {
                if (s.equals(name) || before.member(s).isRunning()) {
                    restart.add(s);
                }
            }
        }
        return stopInReverse(before, restart.isEmpty() ? Set.of(name) : restart).thenCompose(stopped -> {
            synchronized (gate) {
                layout = before.with(next, nextGraph);
            }
            swapped.accept(old, next);
            if (restart.isEmpty()) {
                return CompletableFuture.completedFuture(stopped);
            }
            Set<String> wanted = new LinkedHashSet<>();
            restart.forEach(s -> wanted.addAll(nextGraph.withDependencies(s)));
            return start(wanted, marks).thenApply(ok -> ok && stopped);
        });
    }

    /** Stops {@code services} of {@code now}, each after those of them that run after it. */
    private static CompletableFuture<Boolean> stopInReverse(GroupLayout now, Set<String> services) {
        Map<String, CompletableFuture<Boolean>> stopped = new HashMap<>();
        List<String> order = new ArrayList<>(now.graph().startOrder());
        Collections.reverse(order);
        for (String name : order) {
            if (!services.contains(name)) {
                continue;
            }
            List<CompletableFuture<Boolean>> dependants = now.graph().dependants(name).stream()
                    .filter(services::contains).map(stopped::get).toList();
            GroupMember member = now.member(name);
            stopped.put(name, all(dependants).thenCompose(ignored -> each(member, DjangoServiceManager::stop)));
        }
        return all(stopped.values());
    }

    private CompletableFuture<Boolean> startInstances(GroupMember member, Map<String, Long> marks) {
        synchronized (gate) {
            if (stoppedSince(member, marks)) {
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

    private CompletableFuture<Boolean> block(GroupMember member, String failed, Map<String, Long> marks) {
        String message = member.name() + " not started: it runs after " + failed + ", which failed to start";
        synchronized (gate) {
            if (stoppedSince(member, marks)) {
                return CompletableFuture.completedFuture(false);
            }
            return each(member, m -> m.refuseStart(message)).thenApply(ignored -> false);
        }
    }

    private boolean stoppedSince(GroupMember member, Map<String, Long> marks) {
        return stops.get(member.name()).get() != marks.get(member.name());
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
