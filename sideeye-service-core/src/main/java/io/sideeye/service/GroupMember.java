package io.sideeye.service;

import io.sideeye.service.client.IdempotentRetry;
import io.sideeye.service.group.RoundRobin;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One service of a {@link ServiceGroup}: its specification, the managers of its instances
 * (instance 1 first) and whose turn the next API call is. Replacing a service makes a new member.
 */
record GroupMember(ServiceSpec spec, List<DjangoServiceManager> managers, RoundRobin turn) {

    GroupMember(ServiceSpec spec, List<DjangoServiceManager> managers) {
        this(spec, List.copyOf(managers), new RoundRobin());
    }

    String name() {
        return spec.name();
    }

    /** Instances that serve now: RUNNING, or EXTERNAL, with a passing last health check. */
    List<DjangoServiceManager> healthy() {
        return managers.stream().filter(m -> isHealthy(m.getStatus())).toList();
    }

    /** Whether any instance is up or on its way up: STARTING, RUNNING, BACKOFF or EXTERNAL. */
    boolean isRunning() {
        return managers.stream().map(m -> m.getStatus().state()).anyMatch(s -> s == ServiceState.STARTING
                || s == ServiceState.RUNNING || s == ServiceState.BACKOFF || s == ServiceState.EXTERNAL);
    }

    static boolean isHealthy(ServiceStatus s) {
        boolean up = s.state() == ServiceState.RUNNING || s.state() == ServiceState.EXTERNAL;
        return up && s.lastHealthCheck() != null && s.lastHealthCheck().healthy();
    }

    /**
     * Calls the next of the {@code healthy} instances; an idempotent call that meets a connection
     * failure (an instance stopping between the choice and the call, as in a rolling restart) is
     * sent once to the next instance still healthy, if any.
     */
    CompletableFuture<ApiResponse> apiCall(List<DjangoServiceManager> healthy, String endpoint, String method,
                                           Object data) {
        DjangoServiceManager chosen = turn.next(healthy);
        return chosen.apiCall(endpoint, method, data).thenCompose(response -> {
            if (!IdempotentRetry.applies(method, response)) {
                return CompletableFuture.completedFuture(response);
            }
            List<DjangoServiceManager> others = healthy().stream().filter(m -> m != chosen).toList();
            return others.isEmpty() ? CompletableFuture.completedFuture(response)
                    : turn.next(others).apiCall(endpoint, method, data).exceptionally(e -> response);
        });
    }

    /** Why no instance can take an API call now, naming each instance's state, and what to do. */
    String notRunning() {
        List<String> states = managers.stream().map(m -> {
            ServiceStatus s = m.getStatus();
            boolean unhealthy = (s.state() == ServiceState.RUNNING || s.state() == ServiceState.EXTERNAL)
                    && !isHealthy(s);
            return unhealthy ? s.state() + " but unhealthy" : s.state().toString();
        }).toList();
        int n = states.size();
        return "Service '" + name() + "' is not running: " + (n == 1 ? "its instance is " + states.get(0)
                : "none of its " + n + " instances is healthy (" + String.join(", ", states) + ")")
                + "; start it, or check its health and logs";
    }
}
