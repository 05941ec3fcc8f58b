package io.sideeye.service.process;

import io.sideeye.service.json.PlainJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Probes an interpreter by running it on a short script that imports Django and reports its
 * version, {@code sys.executable}, the server packages it can import and Python's version. Successful answers are
 * cached within the JVM per interpreter file (path and modification time of the file and, for a
 * venv's symlink, of the link itself), folder and environment, so restarts cost no probe;
 * failures are not cached, so installing Django takes effect at the next start.
 */
final class ProcessInterpreterProbe implements InterpreterProbe {
    /** How long one probe may take: a cold Django import on a slow disk takes seconds. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final String SCRIPT = String.join("\n",
            "import importlib.util, json, sys",
            "import django",
            "def found(m):",
            "    try:",
            "        return importlib.util.find_spec(m) is not None",
            "    except Exception:",
            "        return False",
            "servers = [m for m in ('waitress', 'gunicorn', 'uvicorn', 'sideeye_health.serve') if found(m)]",
            "print(json.dumps({'executable': sys.executable, 'django': django.get_version(), 'servers': servers,"
                    + " 'python': '%d.%d.%d' % sys.version_info[:3]}))");
    private static final ProcessInterpreterProbe SHARED = new ProcessInterpreterProbe(new SystemProcessLauncher(), TIMEOUT);

    private final ProcessLauncher launcher;
    private final Duration timeout;
    private final Map<CacheKey, Interpreter> cache = new ConcurrentHashMap<>();

    ProcessInterpreterProbe(ProcessLauncher launcher, Duration timeout) {
        this.launcher = launcher;
        this.timeout = timeout;
    }

    /** The JVM-wide probe whose cache every resolver shares. */
    static ProcessInterpreterProbe shared() {
        return SHARED;
    }

    @Override
    public Interpreter probe(List<String> command, Path workingDir, Map<String, String> environment) throws Failure {
        Optional<CacheKey> key = CacheKey.of(command, workingDir, environment);
        Interpreter cached = key.map(cache::get).orElse(null);
        if (cached != null) {
            return cached;
        }
        Interpreter found = run(command, workingDir, environment);
        key.ifPresent(k -> cache.put(k, found));
        return found;
    }

    private Interpreter run(List<String> command, Path workingDir, Map<String, String> environment) throws Failure {
        List<String> argv = new ArrayList<>(command);
        argv.add("-c");
        argv.add(SCRIPT);
        List<String> stdout = new ArrayList<>();
        Deque<String> stderr = new ArrayDeque<>();
        OutputListener collect = (isStderr, line) -> {
            synchronized (stdout) {
                if (isStderr) {
                    stderr.addLast(line);
                    if (stderr.size() > 20) {
                        stderr.removeFirst();
                    }
                } else if (stdout.size() < 100) {
                    stdout.add(line);
                }
            }
        };
        ChildProcess child;
        try {
            child = launcher.launch(new LaunchSpec(argv, Files.isDirectory(workingDir) ? workingDir : null,
                    environment, collect));
        } catch (IOException e) {
            throw new Failure("cannot be run (" + e.getMessage() + ")");
        }
        ExitStatus exit = await(child);
        synchronized (stdout) {
            return answer(command, exit, stdout, List.copyOf(stderr));
        }
    }

    private ExitStatus await(ChildProcess child) throws Failure {
        try {
            return child.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            child.kill();
            throw new Failure("did not answer within " + timeout.toSeconds() + "s");
        } catch (ExecutionException e) {
            throw new Failure("failed: " + e.getCause());
        } catch (InterruptedException e) {
            child.kill();
            Thread.currentThread().interrupt();
            throw new Failure("probe interrupted");
        }
    }

    private static Interpreter answer(List<String> command, ExitStatus exit, List<String> stdout, List<String> stderr)
            throws Failure {
        String lastError = stderr.stream().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("").trim();
        if (exit.code() != 0) {
            if (lastError.contains("django")) {
                throw new Failure("cannot import Django (" + lastError + ")");
            }
            throw new Failure("failed with exit code " + exit.code()
                    + (lastError.isEmpty() ? "" : " (" + lastError + ")"));
        }
        String json = stdout.stream().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                .orElseThrow(() -> new Failure("gave no answer" + (stdout.isEmpty() ? "" : ": " + stdout.get(0))));
        try {
            Map<?, ?> report = PlainJson.parse(json) instanceof Map<?, ?> m ? m : Map.of();
            Set<String> servers = new HashSet<>();
            if (report.get("servers") instanceof List<?> names) {
                names.forEach(name -> servers.add(String.valueOf(name)));
            }
            String executable = report.get("executable") instanceof String e ? e : "";
            // A launcher such as "py -3" is replaced by the interpreter it started.
            List<String> runs = command.size() > 1 && !executable.isBlank() ? List.of(executable) : command;
            return new Interpreter(runs, report.get("django") instanceof String v ? v : "?", servers,
                    report.get("python") instanceof String p ? p : "?");
        } catch (IOException e) {
            throw new Failure("gave an unreadable answer: " + json);
        }
    }

    /**
     * Identifies an interpreter file as it is now, so that replacing it invalidates the entry.
     * {@code equals} and {@code hashCode} are written out: a record's generated ones are linked
     * through method handles on first use, which costs a daemon's start the JDK's method-handle
     * machinery (some thirty classes and their compiled code) for one map lookup.
     */
    private record CacheKey(List<String> command, Path target, FileTime linkTime, FileTime targetTime, Path dir,
                            Map<String, String> environment) {
        @Override
        public boolean equals(Object other) {
            return other instanceof CacheKey k && command.equals(k.command) && target.equals(k.target)
                    && linkTime.equals(k.linkTime) && targetTime.equals(k.targetTime) && dir.equals(k.dir)
                    && environment.equals(k.environment);
        }

        @Override
        public int hashCode() {
            int h = command.hashCode();
            h = 31 * h + target.hashCode();
            h = 31 * h + linkTime.hashCode();
            h = 31 * h + targetTime.hashCode();
            h = 31 * h + dir.hashCode();
            return 31 * h + environment.hashCode();
        }

        static Optional<CacheKey> of(List<String> command, Path dir, Map<String, String> environment) {
            try {
                Path file = Path.of(command.get(0));
                return Optional.of(new CacheKey(List.copyOf(command), file.toRealPath(),
                        Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS), Files.getLastModifiedTime(file),
                        dir.toAbsolutePath().normalize(), Map.copyOf(environment)));
            } catch (IOException | RuntimeException e) {
                return Optional.empty(); // not a plain file: probe every time
            }
        }
    }
}
