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
        Map<String, Integer> instances = new LinkedHashMap<>();
        for (String name : group.names()) {
            instances.put(name, group.spec(name).instances());
        }
        return new EventLabels(instances);
    }

    /** The labels of {@code services}. */
    static EventLabels of(List<ServiceSpec> services) {
        Map<String, Integer> instances = new LinkedHashMap<>();
        for (ServiceSpec spec : services) {
            instances.put(spec.name(), spec.instances());
        }
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

    /** Whether lines carry labels: more than one copy of anything runs (asked for every event: a plain loop). */
    boolean shown() {
        int copies = 0;
        for (int n : instances.values()) {
            copies += n;
        }
        return copies > 1;
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
        int width = 0;
        for (Map.Entry<String, Integer> e : instances.entrySet()) {
            int n = e.getValue();
            width = Math.max(width, e.getKey().length() + (n > 1 ? 1 + String.valueOf(n).length() : 0));
        }
        return width;
    }

    /** How a service is named in the command's own lines: its label, or "the backend" when none are shown. */
    String who(String service, int instance) {
        String label = label(service, instance);
        return label == null ? "the backend" : "service " + label;
    }
}
