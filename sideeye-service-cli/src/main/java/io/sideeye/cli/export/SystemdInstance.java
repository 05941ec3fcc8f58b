package io.sideeye.cli.export;

import io.sideeye.service.LaunchPlan;
import io.sideeye.service.ServiceConfig;
import java.util.List;

/**
 * One unit to write: one copy of one service with what it runs.
 *
 * @param service         the service's name
 * @param instance        which copy, 1-based
 * @param instances       how many copies the service has
 * @param unit            the unit's name without {@code .service}, e.g. {@code sideeye-web} or {@code sideeye-worker-2}
 * @param config          the service's configuration, with the port this copy binds
 * @param plan            what this copy runs
 * @param requires        the units (names without {@code .service}) this one starts after and requires
 * @param environmentFile where secrets and the API token are read from (optional file)
 */
record SystemdInstance(String service, int instance, int instances, String unit, ServiceConfig config,
                       LaunchPlan plan, List<String> requires, String environmentFile) {
    SystemdInstance {
        requires = List.copyOf(requires);
    }
}
