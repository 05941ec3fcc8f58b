package io.sideeye.cli.export;

import io.sideeye.service.ServiceSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ports of services that share one machine's network. A service with a fixed port keeps it
 * (the configuration's own checks keep two services off one port); one with port 0 (a free port
 * at each start, which another engine cannot do) gets the next port from a base that no other
 * service uses, and each of its copies its own, in declaration order, so the same configuration
 * always gives the same ports.
 */
final class PortAssignment {
    private PortAssignment() {
    }

    /**
     * @param services the services, in declaration order
     * @param base     the first port to give to services with port 0
     * @return each service's ports, one per copy, in declaration order
     * @throws ExportException when the ports run out
     */
    static Map<String, List<Integer>> assign(List<ServiceSpec> services, int base) {
        Set<Integer> taken = new HashSet<>();
        services.stream().map(s -> s.config().port()).filter(p -> p != 0).forEach(taken::add);
        Map<String, List<Integer>> ports = new LinkedHashMap<>();
        int next = base;
        for (ServiceSpec spec : services) {
            List<Integer> own = new ArrayList<>();
            for (int i = 0; i < spec.instances(); i++) {
                if (spec.config().port() != 0) {
                    own.add(spec.config().port());
                    continue;
                }
                while (taken.contains(next)) {
                    next++;
                }
                if (next > 65535) {
                    throw new ExportException("no port left above " + base + " for service " + spec.name()
                            + "; choose a lower --base-port");
                }
                taken.add(next);
                own.add(next++);
            }
            ports.put(spec.name(), List.copyOf(own));
        }
        return ports;
    }
}
