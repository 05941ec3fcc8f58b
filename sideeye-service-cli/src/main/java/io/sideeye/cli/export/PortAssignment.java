package io.sideeye.cli.export;

import io.sideeye.service.ServiceSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ports of services that share one machine's network. A service with a fixed port keeps it;
 * one with port 0 (a free port at each start, which another engine cannot do) gets the next
 * port from a base that no other service uses, and each of its copies its own, in declaration
 * order, so the same configuration always gives the same ports.
 */
final class PortAssignment {
    private PortAssignment() {
    }

    /**
     * @param services the services, in declaration order
     * @param base     the first port to give to services with port 0
     * @return each service's ports, one per copy, in declaration order
     * @throws ExportException when two services have the same fixed port, or the ports run out
     */
    static Map<String, List<Integer>> assign(List<ServiceSpec> services, int base) {
        Map<Integer, String> taken = new HashMap<>();
        for (ServiceSpec spec : services) {
            int port = spec.config().port();
            if (port != 0) {
                String other = taken.putIfAbsent(port, spec.name());
                if (other != null) {
                    throw new ExportException("services " + other + " and " + spec.name() + " both use port " + port
                            + "; give each its own port (or port auto, which the export turns into a free one)");
                }
            }
        }
        Map<String, List<Integer>> ports = new LinkedHashMap<>();
        int next = base;
        for (ServiceSpec spec : services) {
            List<Integer> own = new ArrayList<>();
            for (int i = 0; i < spec.instances(); i++) {
                if (spec.config().port() != 0) {
                    own.add(spec.config().port());
                    continue;
                }
                while (taken.containsKey(next)) {
                    next++;
                }
                if (next > 65535) {
                    throw new ExportException("no port left above " + base + " for service " + spec.name()
                            + "; choose a lower --base-port");
                }
                taken.put(next, spec.name());
                own.add(next++);
            }
            ports.put(spec.name(), List.copyOf(own));
        }
        return ports;
    }
}
