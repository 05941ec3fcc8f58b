package io.sideeye.service;

import io.sideeye.service.group.DependencyGraph;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Several named services under one manager: a Django backend, a task worker beside it, a second
 * project, replicas of one service, or a service that runs elsewhere and is only watched. Each
 * instance is a {@link DjangoServiceManager} with its own configuration, port, process and
 * restart policy; the group adds start order, replicas, round-robin API calls, tagged events
 * and one status view of all.
 *
 * <pre>{@code
 * try (ServiceGroup group = ServiceGroup.builder()
 *         .service(ServiceSpec.of("web", webConfig))
 *         .service(ServiceSpec.of("worker", workerConfig).after("web").instances(2))
 *         .build()) {
 *     group.onAny(e -> System.out.println(e.service() + "#" + e.instance() + " " + e.event().name()));
 *     if (group.start().join()) {
 *         ApiResponse notes = group.apiCall("web", "/notes/").join();
 *     }
 * }
 * }</pre>
 *
 * <p>Order: a service starts once every service in its {@link ServiceSpec#after()} list is
 * healthy (all of its instances); services that do not depend on each other start in parallel.
 * {@link #stop()} goes in reverse: dependants stop before what they run after. A dependency that
 * fails to start blocks its dependants: each gets an {@code error} event
 * {@code "<worker> not started: it runs after <web>, which failed to start"} and stays STOPPED.
 *
 * <p>All methods are thread-safe and may be called from any thread, including listeners; no
 * lock is held while a listener runs.
 */
public final class ServiceGroup implements AutoCloseable {
    private final List<String> names;
    private final String defaultService;
    private final GroupLifecycle lifecycle;
    private final GroupEventRelay relay;
    private final GroupReplacements replacements;
    private final boolean owned;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** {@code factory} null: the managers are not the group's own (see {@link #of}). */
    private ServiceGroup(GroupLayout layout, String defaultService, GroupEventRelay relay,
                         Function<ServiceConfig, DjangoServiceManager> factory) {
        this.names = List.copyOf(layout.members().keySet());
        this.defaultService = defaultService;
        this.lifecycle = new GroupLifecycle(layout);
        this.relay = relay;
        this.replacements = new GroupReplacements(layout.specs(), defaultService, factory);
        this.owned = factory != null;
        layout.members().values().forEach(relay::forward);
    }

    /** A builder for a group of one or more services. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A one-service group around an existing manager, e.g. for a front end that speaks to groups.
     * The group does not own the manager: {@link #close()} releases only the group's own
     * listeners and threads and leaves the manager running; its creator stops and closes it.
     *
     * @throws ServiceConfigException when {@code name} is not a valid service name
     */
    public static ServiceGroup of(String name, DjangoServiceManager manager) {
        Objects.requireNonNull(manager, "manager");
        ServiceSpec spec = new ServiceSpec(name, manager.config(), List.of(), 1);
        GroupLayout layout = new GroupLayout(Map.of(name, new GroupMember(spec, List.of(manager))),
                DependencyGraph.of(Map.of(name, List.of())));
        return new ServiceGroup(layout, name, GroupEventRelay.withThread(), null);
    }

    /** The services' names in declaration order. */
    public List<String> names() {
        return names;
    }

    /** The service addressed when none is named: the one set on the builder, else the first declared. */
    public String defaultService() {
        return defaultService;
    }

    /**
     * The specification of service {@code name}.
     *
     * @throws IllegalArgumentException for an unknown name, listing the group's names
     */
    public ServiceSpec spec(String name) {
        return member(name).spec();
    }

    /**
     * The managers of the instances of {@code name}, instance 1 first.
     *
     * @throws IllegalArgumentException for an unknown name, listing the group's names
     */
    public List<DjangoServiceManager> instances(String name) {
        return member(name).managers();
    }

    /**
     * The manager of instance 1 of {@code name}.
     *
     * @throws IllegalArgumentException for an unknown name, listing the group's names
     */
    public DjangoServiceManager manager(String name) {
        return instances(name).get(0);
    }

    /**
     * Starts every service in dependency order. Completes with true once all are healthy, with
     * false when any failed to start (its {@code error} event says why; its dependants were not
     * started and got an {@code error} event naming it). Services already running are left as they are.
     */
    public CompletableFuture<Boolean> start() {
        return operate(() -> replacements.inTurn(lifecycle.marks(), marks -> lifecycle.start(Set.copyOf(names), marks)));
    }

    /**
     * Stops every service in reverse dependency order; completes with true once all are stopped.
     * A stop never waits its turn: starts still waiting for their dependencies or their turn
     * (see {@link #replace(ServiceSpec)}) are not carried out any more.
     */
    public CompletableFuture<Boolean> stop() {
        return operate(lifecycle::stopAll);
    }

    /**
     * Starts every instance of {@code name}, first starting the services it runs after that are
     * not running. Completes like {@link #start()}; fails with {@link IllegalArgumentException}
     * for an unknown name.
     */
    public CompletableFuture<Boolean> start(String name) {
        return operate(() -> {
            String known = member(name).name();
            return replacements.inTurn(lifecycle.marks(),
                    marks -> lifecycle.start(lifecycle.layout().graph().withDependencies(known), marks));
        });
    }

    /**
     * Stops every instance of {@code name} only (its dependants keep running). Fails with
     * {@link IllegalArgumentException} for an unknown name.
     */
    public CompletableFuture<Boolean> stop(String name) {
        return operate(() -> lifecycle.stop(member(name).name()));
    }

    /**
     * Restarts every instance of {@code name} (see {@link DjangoServiceManager#restart()}) one at
     * a time, each once the one before is healthy again, so that a service with
     * {@code instances > 1} keeps answering {@link #apiCall} on its other instances throughout
     * (a rolling restart); completes with true when all came back healthy. An instance that does
     * not come back healthy ends the rollout with false, leaving the instances after it running
     * as they were. Fails with {@link IllegalArgumentException} for an unknown name.
     */
    public CompletableFuture<Boolean> restart(String name) {
        return operate(() -> {
            String known = member(name).name();
            return replacements.inTurn(lifecycle.marks(), marks -> lifecycle.restart(known));
        });
    }

    /**
     * Replaces the service named {@code spec.name()} with {@code spec} (new configuration, new
     * {@code after} list, another number of instances) while the rest of the group keeps running.
     *
     * <p>The new spec is checked with the rest of the group first, as {@link Builder#build()}
     * checks a group; on any error this method throws and nothing changes. Then, in turn with the
     * group's other operations:
     * <ol>
     * <li>if any instance of the service is running (STARTING, RUNNING, BACKOFF or EXTERNAL), its
     *     running dependants (the services that run after it, directly or not) are stopped, each
     *     after those that run after it, and then the service's instances are stopped; dependants
     *     that are not running are left alone. A service that is not running is only replaced:
     *     nothing is stopped or started;</li>
     * <li>the old instances are replaced by new managers built from {@code spec}; they are closed
     *     in the background. From here on {@link #status()}, {@link #instances(String)},
     *     {@link #spec(String)} and {@link #apiCall} see the new instances (numbered from 1 again),
     *     and their events reach every {@link #onAny} listener;</li>
     * <li>if the service was running, it and the dependants stopped in step 1 are started again
     *     in dependency order, as {@link #start(String)} starts them (so a service its new
     *     {@code after} list names is started first when it is not running).</li>
     * </ol>
     * The future completes with true when everything restarted is healthy again (with nothing to
     * restart: when the old instances stopped), false otherwise (the {@code error} events say why).
     *
     * <p>Turns: {@code start}, {@code start(name)}, {@code restart(name)} and {@code replace} run one
     * after another, each once the previous one completed, in the order they were called. A
     * {@code stop} or {@code stop(name)} does not wait: a service stopped after a replace was asked
     * for is not started again by it (its new instances stay STOPPED). Events of the old instances
     * still queued for the listeners may arrive after the new instances are in place.
     *
     * @return completes on the group's event thread, like the other operations; fails with
     *         {@link IllegalStateException} when the group is closed or was made by
     *         {@link #of(String, DjangoServiceManager)} (it does not own that manager)
     * @throws ServiceConfigException when {@code spec.name()} is not a service of this group, its
     *                                {@code after} list names an unknown service or closes a
     *                                dependency cycle, or it takes a fixed port another service uses
     */
    public CompletableFuture<Boolean> replace(ServiceSpec spec) {
        Objects.requireNonNull(spec, "spec");
        if (closed.get()) {
            return closedFailure();
        }
        if (!owned) {
            return CompletableFuture.failedFuture(new IllegalStateException("a ServiceGroup made by"
                    + " ServiceGroup.of(...) does not own its manager and cannot replace it; build the group with"
                    + " ServiceGroup.builder() to replace services"));
        }
        CompletableFuture<Boolean> replaced = replacements.replace(spec, lifecycle, closed::get, this::swapped);
        return operate(() -> replaced);
    }

    /** Every instance's status, by service in declaration order (unmodifiable). */
    public Map<String, List<ServiceStatus>> status() {
        Map<String, List<ServiceStatus>> all = new LinkedHashMap<>();
        lifecycle.layout().members().forEach((name, member) ->
                all.put(name, member.managers().stream().map(DjangoServiceManager::getStatus).toList()));
        return Collections.unmodifiableMap(all);
    }

    /** {@code GET endpoint} on service {@code service}; see {@link #apiCall(String, String, String, Object)}. */
    public CompletableFuture<ApiResponse> apiCall(String service, String endpoint) {
        return apiCall(service, endpoint, "GET", null);
    }

    /**
     * Calls the API of service {@code service} like {@link DjangoServiceManager#apiCall(String, String, Object)},
     * spreading calls round-robin over its healthy instances (RUNNING, or EXTERNAL whose last
     * check passed); unhealthy ones are skipped. An idempotent call (GET, HEAD, PUT, DELETE,
     * OPTIONS) that meets a connection failure on its instance is sent once to another healthy
     * instance, if there is one. With no healthy instance the future fails with
     * {@link ServiceNotRunningException} naming the service; an unknown name fails it with
     * {@link IllegalArgumentException}.
     */
    public CompletableFuture<ApiResponse> apiCall(String service, String endpoint, String method, Object data) {
        GroupMember member;
        try {
            member = member(service);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<DjangoServiceManager> healthy = member.healthy();
        if (healthy.isEmpty()) {
            return CompletableFuture.failedFuture(new ServiceNotRunningException(member.notRunning()));
        }
        return member.apiCall(healthy, endpoint, method, data);
    }

    /**
     * Listens to every event of every instance, tagged with service and instance, on the group's
     * event thread (see {@link GroupEvent} for the ordering contract).
     */
    public Subscription onAny(Consumer<GroupEvent> listener) {
        return relay.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Stops every service in reverse dependency order (waiting at most the longest
     * {@code shutdownTimeout} plus a short grace), then closes the managers the group created and
     * releases its event thread. A group made by {@link #of(String, DjangoServiceManager)} leaves
     * its manager alone. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (owned) {
            lifecycle.awaitStopAll();
        }
        relay.stopForwarding();
        if (owned) {
            lifecycle.layout().members().values().forEach(m -> m.managers().forEach(DjangoServiceManager::close));
        }
        relay.close();
    }

    @Override
    public String toString() {
        return "ServiceGroup" + names();
    }

    /** After a replacement: the new instances' events flow, the old instances are let go. */
    private void swapped(GroupMember old, GroupMember next) {
        relay.swap(old, next);
        if (closed.get()) { // closed while the old instances stopped: close() saw the old layout
            GroupEventRelay.retire(next);
        }
    }

    /**
     * Runs a lifecycle step and returns a future completed on the group's event thread after the
     * events that step caused were delivered to the group's listeners.
     */
    private CompletableFuture<Boolean> operate(Supplier<CompletableFuture<Boolean>> step) {
        if (closed.get()) {
            return closedFailure();
        }
        CompletableFuture<Boolean> internal;
        try {
            internal = step.get();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return relay.inOrder(internal);
    }

    private static CompletableFuture<Boolean> closedFailure() {
        return CompletableFuture.failedFuture(new IllegalStateException("this ServiceGroup is closed;"
                + " create a new one to start its services again"));
    }

    private GroupMember member(String name) {
        GroupMember member = name == null ? null : lifecycle.layout().member(name);
        if (member == null) {
            throw new IllegalArgumentException("'" + ServiceNames.printable(name) + "' is not a service of this"
                    + " group; use one of " + names());
        }
        return member;
    }

    /** Collects the services of a {@link ServiceGroup} and validates them together in {@link #build()}. */
    public static final class Builder {
        private final List<ServiceSpec> specs = new ArrayList<>();
        private String defaultService;

        Builder() {
        }

        /** Adds a service; names must be unique (checked by {@link #build()}). */
        public Builder service(ServiceSpec spec) {
            specs.add(Objects.requireNonNull(spec, "spec"));
            return this;
        }

        /** The service addressed when none is named; default the first declared. */
        public Builder defaultService(String name) {
            this.defaultService = name;
            return this;
        }

        /**
         * Validates the services together and creates the group (nothing is started yet).
         *
         * @throws ServiceConfigException for an empty group, a duplicate name, an {@code after}
         *                                name that is not in the group, a dependency cycle (naming
         *                                every service in it), two services on one fixed port, or
         *                                an unknown default service
         */
        public ServiceGroup build() {
            return build(DjangoServiceManager::create, null);
        }

        /** The group with managers made by {@code factory}, dispatching events through {@code dispatcher} (null: own thread). */
        ServiceGroup build(Function<ServiceConfig, DjangoServiceManager> factory, Executor dispatcher) {
            GroupRules.validate(specs, defaultService);
            DependencyGraph graph = DependencyGraph.of(GroupRules.afterLists(specs));
            Map<String, GroupMember> members = new LinkedHashMap<>();
            try {
                for (ServiceSpec spec : specs) {
                    members.put(spec.name(), new GroupMember(spec, GroupRules.instances(spec, factory)));
                }
            } catch (RuntimeException e) {
                members.values().forEach(m -> m.managers().forEach(DjangoServiceManager::close));
                throw e;
            }
            GroupEventRelay relay = dispatcher == null ? GroupEventRelay.withThread() : GroupEventRelay.on(dispatcher);
            return new ServiceGroup(new GroupLayout(members, graph),
                    defaultService != null ? defaultService : specs.get(0).name(), relay, factory);
        }
    }
}
