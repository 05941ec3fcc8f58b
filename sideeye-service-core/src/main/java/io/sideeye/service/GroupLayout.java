package io.sideeye.service;

import io.sideeye.service.group.DependencyGraph;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A group's services as they stand: each service's member (spec and managers) in declaration
 * order, and the "runs after" graph of their specs. Immutable; replacing a service makes a new layout.
 */
record GroupLayout(Map<String, GroupMember> members, DependencyGraph graph) {

    GroupLayout {
        members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }

    GroupMember member(String name) {
        return members.get(name);
    }

    /** Every service's spec in declaration order. */
    List<ServiceSpec> specs() {
        return members.values().stream().map(GroupMember::spec).toList();
    }

    /** This layout with {@code next} in place of the member of the same name, and {@code nextGraph}. */
    GroupLayout with(GroupMember next, DependencyGraph nextGraph) {
        Map<String, GroupMember> changed = new LinkedHashMap<>(members);
        changed.put(next.name(), next);
        return new GroupLayout(changed, nextGraph);
    }
}
