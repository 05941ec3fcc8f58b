package io.sideeye.cli.run;

import io.sideeye.config.ConfigDiff;
import io.sideeye.config.ConfigException;
import io.sideeye.config.ConfigKey;
import io.sideeye.config.GroupDiff;
import io.sideeye.config.GroupKey;
import io.sideeye.config.ResolvedGroup;
import io.sideeye.cli.output.Console;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceConfigException;
import io.sideeye.service.ServiceGroup;
import io.sideeye.service.ServiceSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code run --watch}: applies a changed configuration file to the running group. Monitoring
 * and policy settings go to every copy of the services they changed, live (same processes); a
 * service whose process settings, {@code after} list or number of copies changed is replaced
 * inside the running group ({@link ServiceGroup#replace}: it and what runs after it restart, the
 * others keep running); a change of the set of services or of the default service replaces the
 * group. An invalid file is rejected and the running configuration stays in force.
 */
final class GroupReload {
    private static final Duration LIVE_LIMIT = Duration.ofSeconds(10);

    /** The supervision's side: the running group, and how it is replaced. */
    interface Target {
        /** The group now running. */
        ServiceGroup current();

        /** Stops the running group and starts {@code next} in its place. */
        void replace(ServiceGroup next, ResolvedGroup config);

        /** Services of the running group are about to be replaced to match {@code config}. */
        void replacing(ResolvedGroup config);

        /** The replacements of services of {@code group} asked for with {@code config} are done. */
        void replaced(ServiceGroup group, ResolvedGroup config);
    }

    private final Console console;
    private final Function<ResolvedGroup, ServiceGroup> groups;
    private final Target target;
    private ResolvedGroup current;

    GroupReload(Console console, ResolvedGroup current, Function<ResolvedGroup, ServiceGroup> groups, Target target) {
        this.console = console;
        this.current = current;
        this.groups = groups;
        this.target = target;
    }

    /** Reads the configuration again with {@code reload} and applies what changed. */
    void reload(Supplier<ResolvedGroup> reload) {
        ResolvedGroup next;
        try {
            next = reload.get();
        } catch (ConfigException e) {
            reject(e);
            return;
        }
        next.warnings().forEach(console::warn);
        GroupDiff diff = GroupDiff.between(current, next);
        if (diff.isEmpty()) {
            console.note("configuration file changed; no setting changed");
            return;
        }
        boolean several = current.services().size() > 1 || next.services().size() > 1
                || current.services().get(0).instances() > 1;
        console.note("configuration reloaded: " + diff.describe(several));
        if (diff.regroups()) {
            restartAll(next, diff, several);
            return;
        }
        if (!diff.replacements().isEmpty()) {
            try {
                next.validate(); // the services together, before anything changes
            } catch (ConfigException e) {
                reject(e);
                return;
            }
        }
        List<String> replacing = new ArrayList<>(diff.replacements());
        List<String> live = diff.services().keySet().stream().filter(n -> !replacing.contains(n)).toList();
        List<String> failed = applyLive(diff, live);
        if (!live.isEmpty() && failed.isEmpty()) {
            console.note("applied live" + (replacing.isEmpty() ? ": " + (several ? "the services keep running"
                    : "the backend keeps running") : " to " + String.join(", ", live)));
        }
        next.names().stream().filter(n -> failed.contains(n) && !replacing.contains(n)).forEach(replacing::add);
        if (!replacing.isEmpty()) {
            replaceServices(next, diff, replacing, several);
            return;
        }
        current = next;
    }

    private void reject(ConfigException e) {
        console.error("configuration change rejected, the current configuration stays in force: " + e.getMessage());
    }

    /** Replaces the whole group: its set of services or its default changed. */
    private void restartAll(ResolvedGroup next, GroupDiff diff, boolean several) {
        ServiceGroup replacement;
        try {
            replacement = groups.apply(next);
        } catch (ConfigException e) {
            reject(e);
            return;
        }
        console.note("restarting " + (several ? "every service" : "the backend") + " for the new "
                + String.join(", ", reasons(diff, several)));
        current = next;
        target.replace(replacement, next);
    }

    /** Replaces {@code names} inside the running group, one after another; the other services keep running. */
    private void replaceServices(ResolvedGroup next, GroupDiff diff, List<String> names, boolean several) {
        ServiceGroup group = target.current();
        target.replacing(next);
        Set<String> restarting = new LinkedHashSet<>();
        CompletableFuture<Boolean> last = null;
        for (String name : names) {
            List<String> after = runAfter(next, name);
            restarting.add(name);
            restarting.addAll(after);
            console.note("restarting " + (several ? name : "the backend") + " for " + (several ? "its" : "the")
                    + " new " + String.join(", ", changedKeys(next, diff, name))
                    + (after.isEmpty() ? "" : ", and " + String.join(", ", after) + " after it"));
            try {
                last = group.replace(next.spec(name));
            } catch (ServiceConfigException e) {
                // valid together, but not one service at a time (e.g. two services swapping their ports)
                console.note("the changes cannot be made one service at a time (" + e.getMessage() + ")");
                restartAll(next, diff, several);
                return;
            }
        }
        List<String> keep = next.names().stream().filter(n -> !restarting.contains(n)).toList();
        if (several && !keep.isEmpty()) {
            console.note(String.join(", ", keep) + (keep.size() == 1 ? " keeps" : " keep") + " running");
        }
        current = next;
        last.whenComplete((ok, failure) -> target.replaced(group, next));
    }

    /**
     * Monitoring, policy and API settings of {@code services} go to every copy; the processes keep
     * running. Returns the services that could not take them live.
     */
    private List<String> applyLive(GroupDiff diff, List<String> services) {
        ServiceGroup group = target.current();
        List<String> failed = new ArrayList<>();
        for (String service : services) {
            for (DjangoServiceManager m : group.instances(service)) {
                try {
                    m.reconfigure(diff.services().get(service).applyTo(m.config()))
                            .get(LIVE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failed.add(service);
                    break;
                } catch (ExecutionException | TimeoutException | RuntimeException e) {
                    console.warn("the new settings of " + service + " could not be applied live (" + rootMessage(e)
                            + "); restarting it instead");
                    failed.add(service);
                    break;
                }
            }
        }
        return failed;
    }

    /** The keys that make {@code name} restart: {@code command}, {@code instances}, ... */
    private List<String> changedKeys(ResolvedGroup next, GroupDiff diff, String name) {
        List<String> keys = new ArrayList<>();
        for (GroupKey key : GroupKey.values()) {
            if (!Objects.equals(key.valueIn(current.spec(name)), key.valueIn(next.spec(name)))) {
                keys.add(key.key());
            }
        }
        ConfigDiff settings = diff.services().get(name);
        if (settings != null) {
            List<ConfigKey> restart = settings.restartKeys();
            (restart.isEmpty() ? settings.changed() : restart).forEach(k -> keys.add(k.key()));
        }
        return keys;
    }

    /** The services that run after {@code name} in {@code config}, directly or not, in declaration order. */
    private static List<String> runAfter(ResolvedGroup config, String name) {
        Set<String> found = new LinkedHashSet<>(List.of(name));
        int size;
        do {
            size = found.size();
            for (ServiceSpec s : config.services()) {
                if (s.after().stream().anyMatch(found::contains)) {
                    found.add(s.name());
                }
            }
        } while (found.size() > size);
        return config.names().stream().filter(n -> found.contains(n) && !n.equals(name)).toList();
    }

    /** {@code command}, or {@code worker.instances}, {@code web's command}. */
    private static List<String> reasons(GroupDiff diff, boolean several) {
        List<String> reasons = new ArrayList<>();
        diff.shape().forEach(s -> reasons.add(s.substring(0, s.indexOf(' '))));
        diff.services().forEach((name, d) -> {
            List<String> keys = d.restartKeys().stream().map(ConfigKey::key).toList();
            if (!keys.isEmpty()) {
                reasons.add(several ? name + " " + String.join(", ", keys) : String.join(", ", keys));
            }
        });
        return reasons;
    }

    /** The longest shutdown timeout of {@code group}'s services. */
    static Duration longestShutdown(ServiceGroup group) {
        return group.names().stream().map(n -> group.spec(n).config().shutdownTimeout()).max(Duration::compareTo)
                .orElse(Duration.ZERO);
    }

    static void awaitQuietly(CompletableFuture<?> future, Duration limit) {
        try {
            future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // close() kills whatever is left
        }
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
