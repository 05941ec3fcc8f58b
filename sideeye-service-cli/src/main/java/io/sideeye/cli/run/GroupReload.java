package io.sideeye.cli.run;

import io.sideeye.cli.config.ConfigDiff;
import io.sideeye.cli.config.ConfigException;
import io.sideeye.cli.config.ConfigKey;
import io.sideeye.cli.config.GroupDiff;
import io.sideeye.cli.config.ResolvedGroup;
import io.sideeye.cli.output.Console;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code run --watch}: applies a changed configuration file to the running group. Monitoring
 * and policy settings go to every copy of the services they changed, live (same processes);
 * a change of what runs, or of the group's shape, replaces the group. An invalid file is
 * rejected and the running configuration stays in force.
 */
final class GroupReload {
    private static final Duration LIVE_LIMIT = Duration.ofSeconds(10);

    /** The supervision's side: the running group, and how it is replaced. */
    interface Target {
        /** The group now running. */
        ServiceGroup current();

        /** Stops the running group and starts {@code next} in its place. */
        void replace(ServiceGroup next, ResolvedGroup config);
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
        boolean restart = diff.reshapes() || diff.services().values().stream().anyMatch(ConfigDiff::needsBackendRestart);
        if (!restart && applyLive(diff, several)) {
            current = next;
            return;
        }
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

    private void reject(ConfigException e) {
        console.error("configuration change rejected, the current configuration stays in force: " + e.getMessage());
    }

    /** Monitoring, policy and API settings go to every copy; the processes keep running. */
    private boolean applyLive(GroupDiff diff, boolean several) {
        ServiceGroup group = target.current();
        for (Map.Entry<String, ConfigDiff> service : diff.services().entrySet()) {
            for (DjangoServiceManager m : group.instances(service.getKey())) {
                try {
                    m.reconfigure(service.getValue().applyTo(m.config())).get(LIVE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                } catch (ExecutionException | TimeoutException | RuntimeException e) {
                    console.warn("the new settings could not be applied live (" + rootMessage(e) + "); restarting instead");
                    return false;
                }
            }
        }
        console.note("applied live: " + (several ? "the services keep running" : "the backend keeps running"));
        return true;
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
