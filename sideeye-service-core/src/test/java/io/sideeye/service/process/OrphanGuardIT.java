package io.sideeye.service.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Children must not outlive the JVM that started them: see {@link OrphanGuardMain}. */
class OrphanGuardIT {
    private final List<Long> pids = new ArrayList<>();
    private Process jvm;

    @AfterEach
    void cleanUp() {
        if (jvm != null) {
            jvm.destroyForcibly();
        }
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    @Test
    void aNormalJvmExitEndsEveryTreeIncludingOnesIgnoringSigterm() throws Exception {
        startJvm("exit", "--spawn-child --no-stdin-watch;--spawn-child --ignore-sigterm --no-stdin-watch");
        assertThat(pids).hasSize(4);

        assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).as("JVM exited").isTrue();
        assertThat(jvm.exitValue()).isZero();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(running()).isEmpty());
    }

    @Test
    void aKilledJvmsChildExitsOnEndOfFileOnItsStandardInput() throws Exception {
        startJvm("block", "");
        assertThat(pids).hasSize(1);
        assertThat(running()).containsExactlyElementsOf(pids);

        jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(running()).isEmpty());
    }

    private List<Long> running() {
        return pids.stream().filter(pid -> ProcessHandle.of(pid).filter(ProcessTree::isRunning).isPresent())
                .collect(Collectors.toList());
    }

    private static int waitForExit(Process process) {
        try {
            return process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void startJvm(String mode, String servers) throws IOException {
        String classpath = Stream.of(System.getProperty("jdk.module.path", ""), System.getProperty("java.class.path"))
                .filter(s -> !s.isBlank()).collect(Collectors.joining(File.pathSeparator));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        jvm = new ProcessBuilder(java, "-cp", classpath, OrphanGuardMain.class.getName(), mode, servers)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader reader = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith("PIDS ")) {
                Arrays.stream(line.substring(5).trim().split(" ")).map(Long::parseLong).forEach(pids::add);
                return;
            }
        }
        throw new AssertionError("the JVM ended before reporting its children; exit " + waitForExit(jvm));
    }
}
