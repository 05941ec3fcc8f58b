package io.sideeye.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

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

    private ServiceGroup() {
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
        throw new UnsupportedOperationException("not yet");
    }

    /** The services' names in declaration order. */
    public List<String> names() {
        throw new UnsupportedOperationException("not yet");
    }

    /** The service addressed when none is named: the one set on the builder, else the first declared. */
    public String defaultService() {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The specification of service {@code name}.
     *
     * @throws IllegalArgumentException for an unknown name, listing the group's names
     */
    public ServiceSpec spec(String name) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The managers of the instances of {@code name}, instance 1 first.
     *
     * @throws IllegalArgumentException for an unknown name, listing the group's names
     */
    public List<DjangoServiceManager> instances(String name) {
        throw new UnsupportedOperationException("not yet");
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
     * started and got an {@code error} event naming it).
     */
    public CompletableFuture<Boolean> start() {
        throw new UnsupportedOperationException("not yet");
    }

    /** Stops every service in reverse dependency order; completes with true once all are stopped. */
    public CompletableFuture<Boolean> stop() {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Starts every instance of {@code name}, first starting the services it runs after that are
     * not running. Completes like {@link #start()}; fails with {@link IllegalArgumentException}
     * for an unknown name.
     */
    public CompletableFuture<Boolean> start(String name) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Stops every instance of {@code name} only (its dependants keep running). Fails with
     * {@link IllegalArgumentException} for an unknown name.
     */
    public CompletableFuture<Boolean> stop(String name) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Restarts every instance of {@code name} (see {@link DjangoServiceManager#restart()});
     * completes with true when all came back healthy. Fails with {@link IllegalArgumentException}
     * for an unknown name.
     */
    public CompletableFuture<Boolean> restart(String name) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Every instance's status, by service in declaration order (unmodifiable). */
    public Map<String, List<ServiceStatus>> status() {
        throw new UnsupportedOperationException("not yet");
    }

    /** {@code GET endpoint} on service {@code service}; see {@link #apiCall(String, String, String, Object)}. */
    public CompletableFuture<ApiResponse> apiCall(String service, String endpoint) {
        return apiCall(service, endpoint, "GET", null);
    }

    /**
     * Calls the API of service {@code service} like {@link DjangoServiceManager#apiCall(String, String, Object)},
     * spreading calls round-robin over its healthy instances (RUNNING, or EXTERNAL whose last
     * check passed); unhealthy ones are skipped. With no healthy instance the future fails with
     * {@link ServiceNotRunningException} naming the service; an unknown name fails it with
     * {@link IllegalArgumentException}.
     */
    public CompletableFuture<ApiResponse> apiCall(String service, String endpoint, String method, Object data) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Listens to every event of every instance, tagged with service and instance. */
    public Subscription onAny(Consumer<GroupEvent> listener) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Stops every service in reverse dependency order and releases the group's threads and the
     * managers it created. Idempotent.
     */
    @Override
    public void close() {
        throw new UnsupportedOperationException("not yet");
    }

    /** Collects the services of a {@link ServiceGroup} and validates them together in {@link #build()}. */
    public static final class Builder {
        private final List<ServiceSpec> specs = new ArrayList<>();
        private String defaultService;

        Builder() {
        }

        /** Adds a service; names must be unique (checked by {@link #build()}). */
        public Builder service(ServiceSpec spec) {
            specs.add(java.util.Objects.requireNonNull(spec, "spec"));
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
         *                                every service in it) or an unknown default service
         */
        public ServiceGroup build() {
            throw new UnsupportedOperationException("not yet");
        }
    }
}
