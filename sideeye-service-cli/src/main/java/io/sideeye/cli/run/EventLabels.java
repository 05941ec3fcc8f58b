package io.sideeye.cli.run;

import io.sideeye.service.ServiceGroup;
import io.sideeye.service.ServiceSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whose event a line shows: with one service of one copy nothing (the seed's layout), else the
 * service's name, and {@code #n} for the copies of a replicated service ({@code worker#2}).
 *
 * @param instances each service's number of copies, in declaration order
 */
record EventLabels(Map<String, Integer> instances) {

    /** The labels of {@code group}'s services. */
    static EventLabels of(ServiceGroup group) {
        return of(group.names().stream().map(group::spec).toList());
    }

    /** The labels of {@code services}. */
    static EventLabels of(List<ServiceSpec> services) {
        Map<String, Integer> instances = new LinkedHashMap<>();
        services.forEach(spec -> instances.put(spec.name(), spec.instances()));
        return new EventLabels(instances);
    }

    /**
     * Labels wide enough for both: each service with the larger number of copies, for the time a
     * service's old copies stop and its new ones start.
     */
    EventLabels widest(EventLabels other) {
        Map<String, Integer> instances = new LinkedHashMap<>(this.instances);
        other.instances.forEach((name, n) -> instances.merge(name, n, Math::max));
        return new EventLabels(instances);
    }

    /** Whether lines carry labels: more than one copy of anything runs. */
    boolean shown() {
        return instances.values().stream().mapToInt(Integer::intValue).sum() > 1;
    }

    /** The label of copy {@code instance} (1-based) of {@code service}, or null when labels are not shown. */
    String label(String service, int instance) {
        if (!shown()) {
            return null;
        }
        return instances.getOrDefault(service, 1) > 1 ? service + "#" + instance : service;
    }

    /** The width of the label column (0 when labels are not shown). */
    int width() {
        if (!shown()) {
            return 0;
        }
        return instances.entrySet().stream().mapToInt(e -> e.getKey().length() + (e.getValue() > 1
                ? 1 + String.valueOf(e.getValue()).length() : 0)).max().orElse(0);
    }

    /** How a service is named in the command's own lines: its label, or "the backend" when none are shown. */
    String who(String service, int instance) {
        String label = label(service, instance);
        return label == null ? "the backend" : "service " + label;
    }
}
