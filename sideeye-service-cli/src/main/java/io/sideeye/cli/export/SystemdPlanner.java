package io.sideeye.cli.export;

import io.sideeye.service.ServiceConfig;
import io.sideeye.service.ServiceSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns the chosen services into the {@link SystemdInstance}s to write: one unit per copy,
 * named {@code sideeye-<service>} (copies: {@code sideeye-<service>-<n>}), each on its own port
 * ({@link PortAssignment}), resolving what each runs as the manager would
 * ({@link ServiceSelection#resolve}). Dependencies become the units of every copy of the service run
 * after.
 */
final class SystemdPlanner {
    /** Where the units read secrets and the API token from: {@code <dir>/<service unit>.env}. */
    static final String ENVIRONMENT_DIR = "/etc/sideeye";

    private SystemdPlanner() {
    }

    /**
     * @param selection the services to write and the others they depend on
     * @param basePort  the first port given to services with port 0
     * @param notes     receives what the user should know (ports chosen for port 0)
     * @throws ExportException when a service's command cannot be resolved, the ports run out, or two
     *                         units would have the same name
     */
    static List<SystemdInstance> plan(ServiceSelection selection, int basePort, List<String> notes) {
        Map<String, List<Integer>> ports = PortAssignment.assign(selection.managed(), basePort);
        checkUnitNames(selection.managed());
        List<SystemdInstance> instances = new ArrayList<>();
        for (String name : selection.selected()) {
            ServiceSpec spec = selection.managed(name);
            List<Integer> own = ports.get(name);
            if (spec.config().port() == 0) {
                notes.add("service " + name + " has port auto (0); exported on port" + (own.size() > 1 ? "s " : " ")
                        + own.stream().map(String::valueOf).collect(Collectors.joining(", "))
                        + " (give it a fixed port, or choose the first with --base-port)");
            }
            List<String> requires = new ArrayList<>();
            for (String dependency : spec.after()) {
                ServiceSpec other = selection.managed(dependency);
                if (other != null) {
                    for (int n = 1; n <= other.instances(); n++) {
                        requires.add(unitName(other, n));
                    }
                }
            }
            for (int n = 1; n <= spec.instances(); n++) {
                ServiceConfig config = spec.config().toBuilder().port(own.get(n - 1)).config();
                instances.add(new SystemdInstance(name, n, spec.instances(), unitName(spec, n), config,
                        ServiceSelection.resolve(name, config), requires, ENVIRONMENT_DIR + "/" + unitName(spec, 0) + ".env"));
            }
        }
        return instances;
    }

    /** The unit of copy {@code n} of {@code spec}; {@code n} 0 names the service as a whole. */
    static String unitName(ServiceSpec spec, int n) {
        return "sideeye-" + spec.name() + (spec.instances() > 1 && n > 0 ? "-" + n : "");
    }

    /** Services named {@code web} and {@code web-health}, or {@code worker-2} beside two workers, would clash. */
    private static void checkUnitNames(List<ServiceSpec> services) {
        Map<String, String> owners = new HashMap<>();
        for (ServiceSpec spec : services) {
            for (int n = 1; n <= spec.instances(); n++) {
                String unit = unitName(spec, n);
                for (String file : List.of(unit + ".service", unit + "-health.service", unit + "-health.timer")) {
                    String other = owners.putIfAbsent(file, spec.name());
                    if (other != null && !other.equals(spec.name())) {
                        throw new ExportException("services " + other + " and " + spec.name() + " would both be"
                                + " written as " + file + "; rename one of them");
                    }
                }
            }
        }
    }
}
