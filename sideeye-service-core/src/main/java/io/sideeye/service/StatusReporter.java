package io.sideeye.service;

import io.sideeye.service.event.EventBus;
import io.sideeye.service.process.LogBuffer;
import io.sideeye.service.process.LogFile;
import io.sideeye.service.time.Scheduler;
import java.util.List;

/**
 * What a supervisor reports: its events, the output of its process (the log buffer, the log
 * file, stdout/stderr events) and the {@link StatusSnapshot} that {@code getStatus()} reads.
 *
 * <p>{@link #publish} runs on any thread, {@link #onOutput} on the output pump's;
 * {@link #publishSnapshot} on the supervisor's scheduler thread, writing the snapshot under the
 * health monitor's lock, as {@link #passedWhileSteady} does on a steady check's thread;
 * {@link #snapshot} is read lock-free from any thread.
 */
final class StatusReporter {
    private static final int STDERR_TAIL_LINES = 12;

    private final EventBus events;
    private final Scheduler scheduler;
    private final LogBuffer logs;
    /** Every output line, written before it is published; null when {@code logFile} is not set. */
    private final LogFile logFile;
    private volatile StatusSnapshot snapshot; // written under the health monitor's lock

    StatusReporter(ServiceConfig config, EventBus events, Scheduler scheduler) {
        this.events = events;
        this.scheduler = scheduler;
        this.logs = new LogBuffer(config.logBufferLines());
        this.logFile = config.logFile() == null ? null
                : new LogFile(LogFile.resolve(config.logFile(), config.name()), config.logMaxSize(), config.logMaxFiles());
        this.snapshot = StatusSnapshot.initial(config);
    }

    void publish(ServiceEvent event) {
        events.publish(event);
    }

    /** The latest published snapshot. */
    StatusSnapshot snapshot() {
        return snapshot;
    }

    /** A line of the process's output: to the log file first, then the buffer and the listeners. */
    void onOutput(boolean stderr, String line) {
        var now = scheduler.now();
        if (logFile != null) {
            logFile.write(now, stderr, line); // on the pump's thread, before anything that may drop lines
        }
        logs.add(new LogLine(now, stderr ? "stderr" : "stdout", line));
        publish(stderr ? new ServiceEvent.Stderr(now, line) : new ServiceEvent.Stdout(now, line));
    }

    List<LogLine> recentLogs() {
        return logs.snapshot();
    }

    void resizeLogs(int lines) {
        logs.resize(lines);
    }

    /** The last stderr lines, joined, for an error event; null when there are none. */
    String stderrTail() {
        List<String> tail = logs.tail("stderr", STDERR_TAIL_LINES);
        return tail.isEmpty() ? null : String.join("\n", tail);
    }

    /** {@code ": <the last telling stderr line>"}, or empty, to end a one-line error message with. */
    String lastStderrLine() {
        List<String> tail = logs.tail("stderr", STDERR_TAIL_LINES);
        for (int i = tail.size() - 1; i >= 0; i--) {
            String line = tail.get(i).strip();
            if (!line.isEmpty() && !line.startsWith("File ") && !line.startsWith("^")) {
                return ": " + line;
            }
        }
        return "";
    }

    /** A steady check passed (under the health monitor's lock): only the last health result changes. */
    void passedWhileSteady(HealthCheckResult result) {
        snapshot = snapshot.withLastHealth(result);
    }

    /** Publishes the supervisor's state as the snapshot. Scheduler thread. */
    void publishSnapshot(Supervisor s) {
        Attempt a = s.current;
        ServiceState state = s.state;
        ServiceConfig config = s.config;
        boolean hasPid = a != null && a.childAlive() && state.hasProcess();
        int port = a != null && a.port != 0 ? a.port : snapshot.port();
        s.health.withLastResult(lastHealth -> snapshot = new StatusSnapshot(state, s.restartAttempts,
                s.restartsTotal, lastHealth, hasPid ? a.child.pid() : null,
                state == ServiceState.RUNNING || state == ServiceState.EXTERNAL ? s.runningSinceNanos : 0,
                port == 0 ? null : ServiceUrls.baseUrl(config, port), port, s.lastExit, s.lastError,
                a == null || config.attached() ? null : a.token, a == null ? null : a.instanceId));
    }

    void close() {
        if (logFile != null) {
            logFile.close();
        }
    }
}
