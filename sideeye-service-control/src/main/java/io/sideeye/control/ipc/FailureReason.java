package io.sideeye.control.ipc;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.HealthCheckResult;
import java.util.List;

/** Why a lifecycle operation on a service completed with false, in words a user can act on. */
final class FailureReason {
    private FailureReason() {
    }

    /**
     * The last error of the service's instances (instance 1 first); else the failed health check
     * of one (an external service that does not answer); else, for a start, the error of a
     * service it runs after; else a pointer to the events and the log.
     */
    static String of(ServiceTarget target, String verb) {
        String own = lastError(target.instances());
        if (own == null) {
            own = failedCheck(target.instances());
        }
        if (own != null) {
            return own;
        }
        if ("start".equals(verb) || "restart".equals(verb) || "reload".equals(verb)) {
            for (String dependency : target.group().spec(target.name()).after()) {
                String theirs = lastError(target.group().instances(dependency));
                if (theirs != null) {
                    return target.name() + " not started: it runs after " + dependency + ", which failed to start: "
                            + theirs;
                }
            }
        }
        boolean single = target.group().names().size() == 1;
        return (single ? "Django service" : "service " + target.name()) + " did not " + verb
                + "; see the error event or the log";
    }

    private static String failedCheck(List<DjangoServiceManager> instances) {
        for (DjangoServiceManager m : instances) {
            HealthCheckResult check = m.getStatus().lastHealthCheck();
            if (check != null && !check.healthy()) {
                String why = check.error() != null ? check.error() : "health check answered HTTP " + check.status();
                return instances.size() > 1 ? m.config().name() + ": " + why : why;
            }
        }
        return null;
    }

    private static String lastError(List<DjangoServiceManager> instances) {
        for (DjangoServiceManager m : instances) {
            String error = m.getStatus().lastError();
            if (error != null) {
                return instances.size() > 1 ? m.config().name() + ": " + error : error;
            }
        }
        return null;
    }
}
