package io.sideeye.cli.it;

import static org.awaitility.Awaitility.await;

import io.sideeye.testsupport.Signals;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real {@code sideeye} jar run as a separate process, as a user runs it: its own working
 * directory and a private runtime folder ({@code XDG_RUNTIME_DIR}, {@code HOME}), output
 * collected line by line so tests can await lines instead of sleeping.
 */
final class CliProcess implements AutoCloseable {
    /** The runnable jar that {@code package} attached (failsafe passes its path as {@code sideeye.jar}). */
    static final Path JAR = Path.of(System.getProperty("sideeye.jar", "(sideeye.jar: not set; run the tests with mvn verify)"))
            .toAbsolutePath();
    /** How long a run gets to start its backend (the test server or a Django project), unless a test says otherwise. */
    static final Duration START = Duration.ofSeconds(60);
    /** How long a process gets to end, or a command to answer, once asked. */
    static final Duration END = Duration.ofSeconds(30);
    private static final Pattern STARTED = Pattern.compile("started +pid=(\\d+) port=(\\d+)");

    private final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();
    private final Thread outPump;
    private final Thread errPump;

    private CliProcess(Process process) {
        this.process = process;
        this.outPump = pump(process.getInputStream(), out);
        this.errPump = pump(process.getErrorStream(), err);
    }

    /** Starts {@code sideeye args...} in {@code dir} with the private folders under {@code home}. */
    static CliProcess start(Path dir, Path home, String... args) throws IOException {
        return start(dir, home, Map.of(), args);
    }

    /** Same, with extra environment variables. */
    static CliProcess start(Path dir, Path home, Map<String, String> env, String... args) throws IOException {
        return start(dir, home, env, false, args);
    }

    /**
     * Starts {@code sideeye args...} as the leader of a session and process group of its own (as
     * a terminal or a service manager starts it), so that {@link #signalGroup(String)} reaches
     * it and every process still in its group, and nothing else.
     */
    static CliProcess startAsGroupLeader(Path dir, Path home, String... args) throws IOException {
        return start(dir, home, Map.of(), true, args);
    }

    private static CliProcess start(Path dir, Path home, Map<String, String> env, boolean groupLeader,
                                    String... args) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: the integration tests run after 'package'");
        }
        List<String> argv = new ArrayList<>();
        if (groupLeader) {
            argv.add("/usr/bin/setsid"); // executes env (and env java) in place: the pid stays the JVM's
        }
        argv.addAll(List.of(
                // a test runner started in the background may have SIGINT ignored; Ctrl-C must reach sideeye
                "env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-jar", JAR.toString()));
        argv.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile());
        Files.createDirectories(home.resolve("xdg"));
        builder.environment().put("HOME", home.toString());
        builder.environment().put("XDG_RUNTIME_DIR", home.resolve("xdg").toString());
        builder.environment().keySet().removeIf(k -> k.startsWith("SIDEEYE_"));
        builder.environment().putAll(env);
        return new CliProcess(builder.start());
    }

    /** Runs {@code sideeye args...} to its end (at most {@code limit}) and returns it. */
    static CliProcess run(Path dir, Path home, Duration limit, String... args) throws Exception {
        CliProcess p = start(dir, home, args);
        p.process.getOutputStream().close();
        if (!p.process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            p.close();
            throw new AssertionError("sideeye " + String.join(" ", args) + " did not end within " + limit
                    + "\nstdout:\n" + p.stdout() + "\nstderr:\n" + p.stderr());
        }
        p.drained();
        return p;
    }

    /** The process id. */
    long pid() {
        return process.pid();
    }

    /** Waits for the first stdout line matching {@code regex} and returns it. */
    String awaitLine(String regex, Duration limit) {
        Pattern pattern = Pattern.compile(regex);
        return awaitLine(l -> pattern.matcher(l).find(), limit, regex);
    }

    /** Waits until stdout has {@code count} lines matching {@code regex} after line {@code from}. */
    void awaitLines(String regex, int count, int from, Duration limit) {
        Pattern pattern = Pattern.compile(regex);
        await().atMost(limit).pollInterval(Duration.ofMillis(20)).failFast("sideeye ended", () -> !process.isAlive())
                .until(() -> {
                    // a snapshot: a sub-list of the live list fails once the reader adds a line
                    List<String> lines = List.copyOf(out);
                    return lines.subList(Math.min(from, lines.size()), lines.size()).stream()
                            .filter(l -> pattern.matcher(l).find()).count() >= count;
                });
    }

    private String awaitLine(Predicate<String> match, Duration limit, String what) {
        try {
            await().atMost(limit).pollInterval(Duration.ofMillis(20))
                    .failFast("sideeye ended before printing " + what, () -> !process.isAlive()
                            && out.stream().noneMatch(match))
                    .until(() -> out.stream().anyMatch(match));
        } catch (org.awaitility.core.ConditionTimeoutException | org.awaitility.core.TerminalFailureException e) {
            throw new AssertionError(e.getMessage() + "\nstdout:\n" + stdout() + "\nstderr:\n" + stderr(), e);
        }
        return out.stream().filter(match).findFirst().orElseThrow();
    }

    /**
     * Waits until other commands can reach this run: its control plane starts beside the
     * services and may come up after the {@code started} event.
     */
    void awaitControlPlane(Duration limit) {
        awaitLine("control plane on http", limit);
    }

    /** Waits for the {@code started} event and returns the backend's pid and port. */
    long[] awaitStarted(Duration limit) {
        Matcher m = STARTED.matcher(awaitLine(STARTED.pattern(), limit));
        if (!m.find()) {
            throw new AssertionError("no started line");
        }
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }

    /** How many stdout lines there are so far. */
    int lineCount() {
        return out.size();
    }

    /** Sends a signal by name (INT, TERM) through {@code kill} (argv, no shell). */
    void signal(String name) throws Exception {
        Signals.send(process.pid(), name);
    }

    /** Sends a signal by name to the whole process group this process leads ({@code kill -NAME -- -PID}). */
    void signalGroup(String name) throws Exception {
        Signals.sendToGroup(process.pid(), name);
    }

    /** Waits for the end and returns the exit code. */
    int awaitExit(Duration limit) throws Exception {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("sideeye did not exit within " + limit + "\nstdout:\n" + stdout()
                    + "\nstderr:\n" + stderr());
        }
        drained();
        return process.exitValue();
    }

    /** Whether the process is still running. */
    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code of a process that ended. */
    int exitCode() {
        return process.exitValue();
    }

    String stdout() {
        return String.join("\n", out);
    }

    String stderr() {
        return String.join("\n", err);
    }

    List<String> stdoutLines() {
        return List.copyOf(out);
    }

    private void drained() throws InterruptedException {
        outPump.join(10_000);
        errPump.join(10_000);
    }

    /** Kills the process and everything it started, if still alive. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static Thread pump(InputStream in, List<String> sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    sink.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "sideeye-it-pump");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
