package io.sideeye.service.process;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure no child outlives a normal JVM exit: every launched child is registered here until
 * it has exited, and one JVM-wide shutdown hook (installed with the first child) terminates the
 * trees of all children still alive, waits up to {@link #GRACE} for them and kills survivors.
 *
 * <p>A JVM that is killed runs no hooks; its children then see end-of-file on their standard
 * input, which they should treat as the signal to exit.
 */
final class OrphanGuard {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanGuard.class);

    /** The longest the shutdown hook waits for terminated trees before killing them. */
    static final Duration GRACE = Duration.ofSeconds(2);

    private static final Set<SystemChildProcess> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean hookInstalled;

    private OrphanGuard() {
    }

    /** Guards {@code child} until its {@link ChildProcess#onExit()} completes. */
    static void register(SystemChildProcess child) {
        installHook();
        LIVE.add(child);
        child.onExit().whenComplete((status, failure) -> LIVE.remove(child));
    }

    /** The children currently guarded. */
    static List<SystemChildProcess> live() {
        return List.copyOf(LIVE);
    }

    /**
     * Terminates every guarded tree, waits up to {@code grace} for all of them to end, then kills
     * the survivors. Returns the number of trees that had to be killed.
     */
    static int endAll(Duration grace) {
        List<SystemChildProcess> children = live();
        if (children.isEmpty()) {
            return 0;
        }
        children.forEach(SystemChildProcess::terminate);
        CompletableFuture<?>[] exits = children.stream().map(SystemChildProcess::onExit)
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(grace.toMillis(), TimeUnit.MILLISECONDS);
            return 0;
        } catch (TimeoutException | ExecutionException e) {
            List<SystemChildProcess> survivors = children.stream().filter(c -> !c.onExit().isDone()).toList();
            LOG.warn("{} child process tree(s) did not end within {} of SIGTERM; killing {}", survivors.size(),
                    grace, survivors);
            survivors.forEach(SystemChildProcess::kill);
            return survivors.size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            children.forEach(SystemChildProcess::kill);
            return children.size();
        }
    }

    private static void installHook() {
        if (hookInstalled) {
            return;
        }
        synchronized (OrphanGuard.class) {
            if (hookInstalled) {
                return;
            }
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> endAll(GRACE), "sideeye-orphan-guard"));
            } catch (IllegalStateException shuttingDown) {
                LOG.warn("the JVM is already shutting down; a child started now is not guarded by the exit hook");
            }
            hookInstalled = true;
        }
    }
}
