package io.sideeye.service;

import io.sideeye.service.group.RoundRobin;
import java.util.List;

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
}
