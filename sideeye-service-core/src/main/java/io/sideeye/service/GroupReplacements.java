package io.sideeye.service;

import io.sideeye.service.group.DependencyGraph;
import io.sideeye.service.group.Turns;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The turns of a {@link ServiceGroup}'s start-like operations, and the plan of its
 * replacements: each {@link ServiceGroup#replace} is checked against the specs as they will be
 * once every replacement asked for before it is done, and runs in its turn after them.
 */
final class GroupReplacements {
    private final String defaultService;
    private final Function<ServiceConfig, DjangoServiceManager> factory;
    private final Turns turns = new Turns();
    private final Object planning = new Object();
    private List<ServiceSpec> planned; // the specs once every replacement asked for is done; guarded by planning

    GroupReplacements(List<ServiceSpec> specs, String defaultService,
                      Function<ServiceConfig, DjangoServiceManager> factory) {
        this.planned = specs;
        this.defaultService = defaultService;
        this.factory = factory;
    }

    /**
     * Runs {@code step} in its turn (see {@link Turns}) with the stop counts of now ({@code marks}),
     * so that a stop asked for meanwhile still overtakes it.
     */
    CompletableFuture<Boolean> inTurn(Map<String, Long> marks,
                                      Function<Map<String, Long>, CompletableFuture<Boolean>> step) {
        return turns.take(() -> step.apply(marks));
    }

    /**
     * Checks {@code spec} with the planned rest of the group, makes its managers and, in its
     * turn, has {@code lifecycle} put them in place ({@code swapped} told); when the group is
     * {@code closed} by then, the new managers are let go instead.
     *
     * @throws ServiceConfigException as {@link ServiceGroup#replace} documents; nothing changes then
     */
    CompletableFuture<Boolean> replace(ServiceSpec spec, GroupLifecycle lifecycle, BooleanSupplier closed,
                                       BiConsumer<GroupMember, GroupMember> swapped) {
        GroupMember next;
        DependencyGraph graph;
        Turns.Turn turn;
        Map<String, Long> marks;
        synchronized (planning) { // checked against, and run after, the replacements asked for before
            List<ServiceSpec> specs = GroupRules.replaced(planned, spec);
            GroupRules.validate(specs, defaultService);
            graph = DependencyGraph.of(GroupRules.afterLists(specs));
            next = new GroupMember(spec, GroupRules.instances(spec, factory));
            planned = specs;
            turn = turns.next();
            marks = lifecycle.marks();
        }
        return turn.run(() -> {
            if (closed.getAsBoolean()) {
                GroupEventRelay.retire(next);
                return CompletableFuture.completedFuture(false);
            }
            return lifecycle.replace(next, graph, marks, swapped);
        });
    }
}
