package io.sideeye.service;

import io.sideeye.service.group.RoundRobin;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One service of a {@link ServiceGroup}: its specification, the managers of its instances
 * (instance 1 first), whose turn the next API call is, and a count of stop requests that lets a
 * start waiting for its dependencies notice it was overtaken by a stop.
 */
record GroupMember(ServiceSpec spec, List<DjangoServiceManager> managers, RoundRobin turn, AtomicLong stops) {

    GroupMember(ServiceSpec spec, List<DjangoServiceManager> managers) {
        this(spec, List.copyOf(managers), new RoundRobin(), new AtomicLong());
    }

    String name() {
        return spec.name();
    }

    /** Instances that serve now: RUNNING, or EXTERNAL, with a passing last health check. */
    List<DjangoServiceManager> healthy() {
        return managers.stream().filter(m -> isHealthy(m.getStatus())).toList();
    }

    static boolean isHealthy(ServiceStatus s) {
        boolean up = s.state() == ServiceState.RUNNING || s.state() == ServiceState.EXTERNAL;
        return up && s.lastHealthCheck() != null && s.lastHealthCheck().healthy();
    }
}
