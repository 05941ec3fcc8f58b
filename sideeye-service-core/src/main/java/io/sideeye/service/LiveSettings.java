package io.sideeye.service;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The settings a running manager can take on without touching the backend process: monitoring,
 * restart policy, timeouts and the API's paths and limits. Everything else (command, port,
 * interpreter, environment, ...) defines the process and needs a new manager.
 */
final class LiveSettings {
    /** The {@link ServiceConfig} components {@link DjangoServiceManager#reconfigure} applies live. */
    static final Set<String> LIVE = Set.of("maxRestartAttempts", "restartDelay", "maxRestartDelay",
            "restartResetAfter", "healthCheckInterval", "healthCheckTimeout", "unhealthyThreshold", "startupTimeout",
            "shutdownTimeout", "apiTimeout", "healthPath", "apiBasePath", "logBufferLines", "maxResponseBytes", "apiToken",
            "healthStatus", "healthBodyContains");

    private LiveSettings() {
    }

    /** The names of the components whose values differ, in declaration order. */
    static List<String> changed(ServiceConfig before, ServiceConfig after) {
        List<String> names = new ArrayList<>();
        for (RecordComponent c : ServiceConfig.class.getRecordComponents()) {
            if (!Objects.equals(before.value(c), after.value(c))) {
                names.add(c.getName());
            }
        }
        return names;
    }

    /** The changed components that cannot be applied to a running manager. */
    static List<String> notLive(List<String> changed) {
        return changed.stream().filter(name -> !LIVE.contains(name)).toList();
    }
}
