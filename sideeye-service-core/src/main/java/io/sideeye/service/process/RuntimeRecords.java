package io.sideeye.service.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.sideeye.service.json.PlainJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import io.sideeye.service.time.IsoInstant;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records of the children this manager spawned (pid, start time, instance id), kept in a small
 * file per service so that the next start stops a stale backend a crashed host left behind.
 *
 * <p>Each key (e.g. a project folder and port) gets one JSON file in the runtime folder, named
 * by a hash of the key. On POSIX systems the folder is created with mode 0700 and the files
 * have mode 0600. A recorded process is stopped only when a process with that pid is alive,
 * started at the recorded instant and, where the system shows a process's environment (Linux's
 * {@code /proc/PID/environ}), was started with the recorded {@code SIDEEYE_INSTANCE_ID}: a pid
 * the operating system has since given to another program, or a process some other manager
 * started, is never touched. Each record also names the manager process that wrote it (pid and
 * start time): while that manager is alive, its backend is not stale but in use (a second run on
 * the same project), and is left alone. Unreadable records are deleted with a warning; no method
 * throws.
 */
public class RuntimeRecords {
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeRecords.class);
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    /** How long a stale backend gets to end after SIGTERM before it is killed. */
    static final Duration STALE_GRACE = Duration.ofSeconds(3);
    /** How long a killed stale backend gets to disappear. */
    private static final Duration KILL_GRACE = Duration.ofSeconds(2);

    private static final Path PROC_SELF = Path.of("/proc/self");
    private static final String INSTANCE_VARIABLE = "SIDEEYE_INSTANCE_ID";

    private final Path dir;

    /** A keeper that records nothing, the same as {@code in(null)}. */
    public RuntimeRecords() {
        this(null);
    }

    private RuntimeRecords(Path dir) {
        this.dir = dir;
    }

    /** Records under {@code dir}, or a no-op when {@code dir} is null. */
    public static RuntimeRecords in(Path dir) {
        return new RuntimeRecords(dir);
    }

    /**
     * Stops a still-alive recorded child of {@code key} (same pid, start time and, where the
     * system shows it, instance id) and forgets it.
     */
    public void stopStale(String key) {
        if (dir == null) {
            return;
        }
        Path file = fileFor(key);
        if (!Files.exists(file)) {
            return;
        }
        Optional<Stale> stale = read(file);
        if (stale.isPresent() && stale.get().managedElsewhere()) {
            LOG.info("leaving backend pid {} alone: the manager that started it (pid {}) is still running",
                    stale.get().pid, stale.get().managerPid);
            return;
        }
        stale.ifPresent(this::stopIfStillOurs);
        delete(file);
    }

    /**
     * Remembers the running child of {@code key}.
     *
     * @param startTime when the child started, or null to ask the operating system now (a
     *                  record without a start time never stops anything)
     */
    public void record(String key, long pid, Instant startTime, String instanceId) {
        record(key, pid, startTime, instanceId, ProcessHandle.current());
    }

    /** {@link #record(String, long, Instant, String)} on behalf of the manager process {@code manager}. */
    void record(String key, long pid, Instant startTime, String instanceId, ProcessHandle manager) {
        if (dir == null) {
            return;
        }
        if (startTime == null) {
            startTime = ProcessHandle.of(pid).flatMap(p -> p.info().startInstant()).orElse(null);
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("pid", pid);
        record.put("startTime", startTime == null ? null : IsoInstant.format(startTime));
        record.put("instanceId", instanceId);
        record.put("managerPid", manager.pid());
        record.put("managerStartTime", manager.info().startInstant().map(IsoInstant::format).orElse(null));
        try {
            ensureDir();
            Path temp = POSIX ? Files.createTempFile(dir, ".record-", ".tmp", ownerOnly("rw-------"))
                    : Files.createTempFile(dir, ".record-", ".tmp");
            Files.writeString(temp, PlainJson.write(record), StandardCharsets.UTF_8);
            Files.move(temp, fileFor(key), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("could not record backend pid {} in {}: {}; a backend left behind by a crash will not be"
                    + " stopped automatically (check that the folder is writable, or set runtimeDir)", pid, dir, e.toString());
        }
    }

    /** Forgets the child of {@code key}. */
    public void clear(String key) {
        if (dir != null) {
            delete(fileFor(key));
        }
    }

    /** The record file of {@code key}: {@code <hash>.json} in the runtime folder. */
    Path fileFor(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return dir.resolve(HexFormat.of().formatHex(hash, 0, 16) + ".json");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private void stopIfStillOurs(Stale stale) {
        Optional<ProcessHandle> process = ProcessHandle.of(stale.pid).filter(ProcessTree::isRunning);
        Optional<Instant> started = process.flatMap(p -> p.info().startInstant());
        if (process.isEmpty() || stale.startTime == null || started.isEmpty()
                || started.get().toEpochMilli() != stale.startTime.toEpochMilli()) {
            return; // gone, or the pid now belongs to another program
        }
        if (stale.pid == ProcessHandle.current().pid() || !startedAs(stale.pid, stale.instanceId)) {
            return;
        }
        LOG.warn("stopping backend pid {} (instance {}) left running by an earlier run", stale.pid, stale.instanceId);
        ProcessTree tree = new ProcessTree(process.get());
        tree.terminate();
        if (!awaitGone(tree, STALE_GRACE)) {
            LOG.warn("backend tree {} of pid {} ignored SIGTERM for {}; killing it", tree.runningPids(), stale.pid,
                    STALE_GRACE);
            tree.kill();
            if (!awaitGone(tree, KILL_GRACE)) {
                LOG.warn("processes {} of stale backend pid {} are still present after SIGKILL", tree.runningPids(),
                        stale.pid);
            }
        }
    }

    /**
     * Whether process {@code pid} was started with {@code SIDEEYE_INSTANCE_ID=instanceId} in its
     * environment, as every backend this manager spawns is. Where the system does not show
     * environments (no {@code /proc}: macOS, Windows) the pid and start time decide alone; where
     * it does, an unreadable environment, a missing variable or another value means not ours.
     */
    static boolean startedAs(long pid, String instanceId) {
        if (!Files.isDirectory(PROC_SELF)) {
            return true;
        }
        if (instanceId == null) {
            return false;
        }
        byte[] wanted = (INSTANCE_VARIABLE + "=" + instanceId).getBytes(StandardCharsets.UTF_8);
        try {
            byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
            int start = 0;
            for (int i = 0; i <= environ.length; i++) {
                if (i == environ.length || environ[i] == 0) {
                    if (java.util.Arrays.equals(environ, start, i, wanted, 0, wanted.length)) {
                        return true;
                    }
                    start = i + 1;
                }
            }
            return false;
        } catch (IOException | SecurityException e) {
            return false; // gone, or another user's: not ours to stop
        }
    }

    private static boolean awaitGone(ProcessTree tree, Duration timeout) {
        var gone = ProcessWatch.until(tree::isGone);
        try {
            gone.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            gone.cancel(false);
        }
    }

    private static Optional<Stale> read(Path file) {
        try {
            Map<?, ?> record = PlainJson.parse(Files.readString(file, StandardCharsets.UTF_8)) instanceof Map<?, ?> m
                    ? m : Map.of();
            long pid = record.get("pid") instanceof Number n && !(n instanceof java.math.BigInteger) ? n.longValue() : 0;
            if (pid <= 0) {
                throw new IOException("no valid pid");
            }
            String start = record.get("startTime") instanceof String s ? s : null;
            Object id = record.get("instanceId");
            String instanceId = id instanceof String || id instanceof Number || id instanceof Boolean ? id.toString() : null;
            long managerPid = record.get("managerPid") instanceof Number n && !(n instanceof java.math.BigInteger)
                    ? n.longValue() : 0;
            String managerStart = record.get("managerStartTime") instanceof String s ? s : null;
            return Optional.of(new Stale(pid, start == null ? null : Instant.parse(start), instanceId, managerPid,
                    managerStart == null ? null : Instant.parse(managerStart)));
        } catch (IOException | RuntimeException e) {
            String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            LOG.warn("deleting unreadable runtime record {}: {}", file, reason);
            return Optional.empty();
        }
    }

    private void ensureDir() throws IOException {
        if (!Files.isDirectory(dir)) {
            if (POSIX) {
                Files.createDirectories(dir, ownerOnly("rwx------"));
            } else {
                Files.createDirectories(dir);
            }
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not delete runtime record {}: {}", file, e.toString());
        }
    }

    private static FileAttribute<?> ownerOnly(String permissions) {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
    }

    private record Stale(long pid, Instant startTime, String instanceId, long managerPid, Instant managerStart) {
        /** Whether the manager that wrote the record is another process that is still running. */
        boolean managedElsewhere() {
            if (managerPid <= 0 || managerStart == null || managerPid == ProcessHandle.current().pid()) {
                return false;
            }
            return ProcessHandle.of(managerPid).filter(ProcessHandle::isAlive)
                    .flatMap(p -> p.info().startInstant())
                    .map(started -> started.toEpochMilli() == managerStart.toEpochMilli())
                    .orElse(false);
        }
    }
}
