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
 * Makes sure no child outlives a normal JVM exit: every spawn is admitted here first and every
 * launched child is registered until it has exited; one JVM-wide shutdown hook (installed with
 * the first spawn) ends them all.
 *
 * <p>Shutdown is final. The hook first closes the guard, under the same lock that admits
 * spawns, so that nothing spawns afterwards ({@link #admit} throws
 * {@link LaunchRefusedException}); then it waits for the spawns already admitted to register
 * their child (up to {@link #SPAWN_WAIT}); only then does it terminate the trees of every child
 * still alive, wait up to {@link #GRACE} for them and kill the survivors. A restart that was
 * spawning the moment the JVM began to exit is therefore ended with the rest, never left behind.
 *
 * <p>A JVM that is killed runs no hooks; its children then see end-of-file on their standard
 * input, which they should treat as the signal to exit.
 */
final class OrphanGuard {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanGuard.class);

    /** The longest the shutdown hook waits for terminated trees before killing them. */
    static final Duration GRACE = Duration.ofSeconds(2);
    /** The longest the shutdown hook waits for spawns under way to register their child. */
    static final Duration SPAWN_WAIT = Duration.ofSeconds(10);

    /** The guard of this JVM, with the shutdown hook. */
    static final OrphanGuard JVM = new OrphanGuard(true);

    private final boolean installsHook;
    private final Set<ChildProcess> live = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    private boolean hookInstalled; // guarded by lock
    private boolean closed; // guarded by lock
    private int spawning; // guarded by lock

    /** @param installsHook whether the first admitted spawn installs the JVM's shutdown hook */
    OrphanGuard(boolean installsHook) {
        this.installsHook = installsHook;
    }

    /**
     * Admits one spawn of {@code program}; the caller must then call {@link #spawned} exactly
     * once, with the child or with null when the spawn failed.
     *
     * @throws LaunchRefusedException when shutdown has begun: nothing may be spawned any more
     */
    void admit(String program) throws LaunchRefusedException {
        synchronized (lock) {
            if (!closed && installsHook && !hookInstalled) {
                installHook();
            }
            if (closed) {
                throw new LaunchRefusedException("'" + program + "' was not started: this JVM is shutting down,"
                        + " and a process started now could outlive it");
            }
            spawning++;
        }
    }

    /** Ends an admitted spawn: guards {@code child} (null: the spawn failed) until it has exited. */
    void spawned(ChildProcess child) {
        synchronized (lock) {
            try {
                if (child != null) {
                    live.add(child);
                    child.onExit().whenComplete((status, failure) -> live.remove(child));
                }
            } finally {
                spawning--;
                lock.notifyAll();
            }
        }
    }

    /** The children currently guarded. */
    List<ChildProcess> live() {
        return List.copyOf(live);
    }

    /** Whether shutdown has begun. */
    boolean closed() {
        synchronized (lock) {
            return closed;
        }
    }

    /**
     * Shuts down: refuses every later spawn, waits up to {@code spawnWait} for those under way to
     * register, then ends every guarded tree ({@link #endAll}). Returns the number of trees that
     * had to be killed.
     */
    int shutdown(Duration spawnWait, Duration grace) {
        synchronized (lock) {
            closed = true;
            long deadline = System.nanoTime() + spawnWait.toNanos();
            try {
                while (spawning > 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        LOG.warn("{} process spawn(s) still under way after {}; ending the children registered"
                                + " so far", spawning, spawnWait);
                        break;
                    }
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return endAll(grace);
    }

    /**
     * Terminates every guarded tree, waits up to {@code grace} for all of them to end, then kills
     * the survivors. Returns the number of trees that had to be killed.
     */
    int endAll(Duration grace) {
        List<ChildProcess> children = live();
        if (children.isEmpty()) {
            return 0;
        }
        children.forEach(ChildProcess::terminate);
        CompletableFuture<?>[] exits = children.stream().map(ChildProcess::onExit)
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(grace.toMillis(), TimeUnit.MILLISECONDS);
            return 0;
        } catch (TimeoutException | ExecutionException e) {
            List<ChildProcess> survivors = children.stream().filter(c -> !c.onExit().isDone()).toList();
            LOG.warn("{} child process tree(s) did not end within {} of SIGTERM; killing {}", survivors.size(),
                    grace, survivors);
            survivors.forEach(ChildProcess::kill);
            return survivors.size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            children.forEach(ChildProcess::kill);
            return children.size();
        }
    }

    /** Under lock. A JVM already shutting down takes no hook: then the guard is closed at once. */
    private void installHook() {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(SPAWN_WAIT, GRACE), "sideeye-orphan-guard"));
            hookInstalled = true;
        } catch (IllegalStateException shuttingDown) {
            closed = true;
        }
    }
}
