package io.sideeye.service.group;

import io.sideeye.service.ServiceConfigException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The "runs after" relation of a group's services, validated: every name it mentions is a
 * service, and there is no cycle. Lists keep declaration order, so the start order is the
 * declared one wherever dependencies leave a choice.
 */
public final class DependencyGraph {
    private final Map<String, List<String>> after;
    private final List<String> startOrder;

    private DependencyGraph(Map<String, List<String>> after) {
        this.after = after;
        this.startOrder = topologicalOrder(after);
    }

    /**
     * The graph of {@code after} (service name to the names it runs after, in declaration order).
     *
     * @throws ServiceConfigException naming {@code services.<name>.after} for a name that is not a
     *                                service, or for a cycle, naming every service in it
     */
    public static DependencyGraph of(Map<String, List<String>> after) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        after.forEach((name, deps) -> copy.put(name, List.copyOf(deps)));
        copy.forEach((name, deps) -> {
            for (String dep : deps) {
                if (!copy.containsKey(dep)) {
                    String field = "services." + name + ".after";
                    throw new ServiceConfigException(field, field + ": '" + dep + "' is not a service of this group;"
                            + " the services are " + copy.keySet() + "; fix the name or declare that service");
                }
            }
        });
        List<String> cycle = findCycle(copy);
        if (!cycle.isEmpty()) {
            String field = "services." + cycle.get(0) + ".after";
            throw new ServiceConfigException(field, "services: " + String.join(", ", cycle.subList(0, cycle.size() - 1))
                    + " form a dependency cycle (" + String.join(" runs after ", cycle) + "), so none of them could"
                    + " ever start; remove one of these after entries");
        }
        return new DependencyGraph(copy);
    }

    /** Every service in declaration order. */
    public List<String> names() {
        return List.copyOf(after.keySet());
    }

    /** Every service, each after all it runs after; otherwise in declaration order. */
    public List<String> startOrder() {
        return startOrder;
    }

    /** The services {@code name} runs after (direct ones only), in declaration order. */
    public List<String> dependencies(String name) {
        return after.getOrDefault(name, List.of());
    }

    /** The services that run after {@code name} (direct ones only), in declaration order. */
    public List<String> dependants(String name) {
        List<String> result = new ArrayList<>();
        after.forEach((other, deps) -> {
            if (deps.contains(name)) {
                result.add(other);
            }
        });
        return result;
    }

    /** {@code name} and every service it runs after, directly or not. */
    public Set<String> withDependencies(String name) {
        Set<String> result = new LinkedHashSet<>();
        collect(name, result);
        return result;
    }

    /** {@code name} and every service that runs after it, directly or not. */
    public Set<String> withDependants(String name) {
        Set<String> result = new LinkedHashSet<>();
        collectDependants(name, result);
        return result;
    }

    private void collectDependants(String name, Set<String> into) {
        if (into.add(name)) {
            dependants(name).forEach(other -> collectDependants(other, into));
        }
    }

    private void collect(String name, Set<String> into) {
        if (into.add(name)) {
            dependencies(name).forEach(dep -> collect(dep, into));
        }
    }

    private static List<String> topologicalOrder(Map<String, List<String>> after) {
        Set<String> placed = new LinkedHashSet<>();
        while (placed.size() < after.size()) {
            for (Map.Entry<String, List<String>> e : after.entrySet()) {
                if (!placed.contains(e.getKey()) && placed.containsAll(e.getValue())) {
                    placed.add(e.getKey());
                    break; // restart from the top: earlier-declared services go first
                }
            }
        }
        return List.copyOf(placed);
    }

    /** A cycle as {@code [a, b, c, a]}, or empty. */
    private static List<String> findCycle(Map<String, List<String>> after) {
        Set<String> done = new LinkedHashSet<>();
        for (String start : after.keySet()) {
            List<String> cycle = visit(start, after, new ArrayList<>(), done);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    private static List<String> visit(String name, Map<String, List<String>> after, List<String> path,
                                      Collection<String> done) {
        int seen = path.indexOf(name);
        if (seen >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(seen, path.size()));
            cycle.add(name);
            return cycle;
        }
        if (done.contains(name)) {
            return List.of();
        }
        path.add(name);
        for (String dep : after.get(name)) {
            List<String> cycle = visit(dep, after, path, done);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        done.add(name);
        return List.of();
    }
}
