package io.sideeye.cli.export;

import io.sideeye.service.LaunchPlan;
import io.sideeye.service.ServiceConfig;
import io.sideeye.service.ServiceConfigException;
import io.sideeye.service.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which services of a configuration an export writes. A service that runs elsewhere (an
 * {@code external} URL, or {@code isDev}) has nothing to run: naming it is an error, and an
 * export of every service leaves it out with a note (services that run after it are exported
 * without that dependency).
 *
 * @param managed  every service of the configuration that is run by the manager, in declaration order
 * @param selected the names of those to write
 * @param notes    what the user should know about the choice
 */
record ServiceSelection(List<ServiceSpec> managed, List<String> selected, List<String> notes) {

    ServiceSelection {
        managed = List.copyOf(managed);
        selected = List.copyOf(selected);
        notes = List.copyOf(notes);
    }

    /**
     * @param group     the configuration's services, in declaration order
     * @param requested the service to export, or null for all
     * @throws ExportException for an unknown service (listing the names), a service that runs
     *                         elsewhere, or a configuration with nothing to export
     */
    static ServiceSelection of(List<ServiceSpec> group, String requested) {
        List<String> names = group.stream().map(ServiceSpec::name).toList();
        if (requested != null && !names.contains(requested)) {
            throw new ExportException("there is no service '" + requested + "' in the configuration; its services"
                    + " are: " + String.join(", ", names));
        }
        List<ServiceSpec> managed = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (ServiceSpec spec : group) {
            if (!spec.config().attached()) {
                managed.add(spec);
            } else if (spec.name().equals(requested)) {
                throw new ExportException("service " + spec.name() + " cannot be exported: " + elsewhere(spec.config())
                        + ", so there is nothing to run. Export the services that run here, and keep attaching"
                        + " to this one (see docs/SCALING.md)");
            } else {
                notes.add("service " + spec.name() + " is left out: " + elsewhere(spec.config()) + dependants(group,
                        spec.name()));
            }
        }
        if (managed.isEmpty()) {
            throw new ExportException("nothing to export: every service of the configuration runs elsewhere ("
                    + names.stream().collect(Collectors.joining(", ")) + ")");
        }
        List<String> selected = requested != null ? List.of(requested)
                : managed.stream().map(ServiceSpec::name).toList();
        return new ServiceSelection(managed, selected, notes);
    }

    /** The managed service called {@code name}, or null when it runs elsewhere. */
    ServiceSpec managed(String name) {
        return managed.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    /** What {@code config} of service {@code service} runs: the core's own resolution, its errors named for the service. */
    static LaunchPlan resolve(String service, ServiceConfig config) {
        try {
            return LaunchPlan.resolve(config);
        } catch (ServiceConfigException e) {
            throw new ExportException("service " + service + ": " + e.getMessage());
        }
    }

    private static String elsewhere(ServiceConfig config) {
        return config.external() != null ? "it is external (" + config.external() + ")"
                : "it runs in development mode (isDev: managed externally)";
    }

    private static String dependants(List<ServiceSpec> group, String name) {
        List<String> after = group.stream().filter(s -> s.after().contains(name)).map(ServiceSpec::name).toList();
        return after.isEmpty() ? "" : "; " + String.join(", ", after) + " will not wait for it";
    }
}
