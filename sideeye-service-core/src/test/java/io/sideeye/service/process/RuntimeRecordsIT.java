package io.sideeye.service.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.testsupport.TestServerScript;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stale backends are stopped, but only when pid, start time and instance id all match. */
class RuntimeRecordsIT {
    private static final String KEY = "project|127.0.0.1:0";

    @TempDir
    Path dir;

    private final List<Long> pids = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    /**
     * Starts a test server outside any launcher, as a backend left by an earlier run would be,
     * with the instance id {@code old-instance} in its environment.
     */
    private ProcessHandle startBackend(String... flags) throws IOException {
        return startInstance("old-instance", flags);
    }

    private ProcessHandle startInstance(String instanceId, String... flags) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(TestServerScript.command(flags))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("SIDEEYE_INSTANCE_ID", instanceId);
        Process process = builder.start();
        pids.add(process.pid());
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        boolean listening = false;
        boolean childReady = !List.of(flags).contains("--spawn-child");
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (TestServerScript.childPid(line) > 0) {
                pids.add(TestServerScript.childPid(line));
                childReady = true;
            }
            listening |= TestServerScript.listeningPort(line) > 0;
            if (listening && childReady) {
                return process.toHandle();
            }
        }
        throw new AssertionError("test server ended before it was ready");
    }

    private static Instant startOf(ProcessHandle process) {
        return process.info().startInstant().orElseThrow();
    }

    private List<Long> running() {
        return pids.stream().filter(pid -> ProcessHandle.of(pid).filter(ProcessTree::isRunning).isPresent()).toList();
    }

    @Test
    void stopsTheWholeTreeOfAStaleBackend() throws Exception {
        ProcessHandle backend = startBackend("--spawn-child", "--no-stdin-watch");
        RuntimeRecords records = RuntimeRecords.in(dir);
        records.record(KEY, backend.pid(), startOf(backend), "old-instance");
        assertThat(running()).hasSize(2);

        records.stopStale(KEY);

        assertThat(running()).isEmpty();
        assertThat(records.fileFor(KEY)).doesNotExist();
    }

    @Test
    void aRecordMadeWithoutAStartTimeStillStopsTheStaleBackend() throws Exception {
        ProcessHandle backend = startBackend("--no-stdin-watch");
        RuntimeRecords records = RuntimeRecords.in(dir);
        records.record(KEY, backend.pid(), null, "old-instance"); // the start time is read from the system

        records.stopStale(KEY);

        assertThat(running()).isEmpty();
    }

    @Test
    void killsAStaleBackendThatIgnoresSigterm() throws Exception {
        ProcessHandle backend = startBackend("--ignore-sigterm", "--no-stdin-watch");
        RuntimeRecords records = RuntimeRecords.in(dir);
        records.record(KEY, backend.pid(), startOf(backend), "old-instance");

        records.stopStale(KEY);

        assertThat(running()).isEmpty();
    }

    @Test
    void leavesALiveProcessWithAnotherStartTimeAlone() throws Exception {
        ProcessHandle unrelated = startBackend("--no-stdin-watch");
        RuntimeRecords records = RuntimeRecords.in(dir);
        // The pid was recorded for a process that started earlier: the pid has been reused since.
        records.record(KEY, unrelated.pid(), startOf(unrelated).minusSeconds(5), "old-instance");

        records.stopStale(KEY);

        assertThat(running()).containsExactly(unrelated.pid());
        assertThat(records.fileFor(KEY)).doesNotExist();
    }

    @Test
    void leavesALiveProcessOfAnotherInstanceAlone() throws Exception {
        // Same pid and start time, but the process was not started as the recorded instance: not ours.
        ProcessHandle other = startInstance("another-instance", "--no-stdin-watch");
        RuntimeRecords records = RuntimeRecords.in(dir);
        records.record(KEY, other.pid(), startOf(other), "old-instance");

        records.stopStale(KEY);

        assertThat(running()).containsExactly(other.pid());
        assertThat(records.fileFor(KEY)).doesNotExist();
    }

    @Test
    void leavesALiveProcessWithoutAnInstanceIdAlone() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(TestServerScript.command("--no-stdin-watch"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove("SIDEEYE_INSTANCE_ID");
        ProcessHandle stranger = builder.start().toHandle();
        pids.add(stranger.pid());
        RuntimeRecords records = RuntimeRecords.in(dir);
        records.record(KEY, stranger.pid(), startOf(stranger), "old-instance");

        records.stopStale(KEY);

        assertThat(running()).containsExactly(stranger.pid());
    }

    @Test
    void aRecordOfAProcessThatEndedIsSimplyForgotten() throws Exception {
        Process ended = new ProcessBuilder(TestServerScript.PYTHON, "-c", "pass").start();
        ended.waitFor();
        RuntimeRecords records = RuntimeRecords.in(dir);
        records.record(KEY, ended.pid(), Instant.now(), "old-instance");

        records.stopStale(KEY);

        assertThat(records.fileFor(KEY)).doesNotExist();
    }

    @Test
    void leavesTheBackendOfAManagerThatIsStillRunningAlone() throws Exception {
        // A second run on the same project: the first run's manager is alive, so its backend is in use.
        ProcessHandle otherManager = startInstance("another-manager", "--no-stdin-watch");
        ProcessHandle backend = startBackend("--no-stdin-watch");
        RuntimeRecords records = RuntimeRecords.in(dir);
        records.record(KEY, backend.pid(), startOf(backend), "old-instance", otherManager);

        records.stopStale(KEY);

        assertThat(running()).containsExactlyInAnyOrder(otherManager.pid(), backend.pid());

        otherManager.destroyForcibly();
        otherManager.onExit().get();
        records.stopStale(KEY); // its manager has died since: now the backend is stale

        assertThat(running()).isEmpty();
        assertThat(records.fileFor(KEY)).doesNotExist();
    }
}
