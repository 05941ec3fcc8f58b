package io.sideeye.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sideeye.testsupport.Liveness;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No orphan survives the host: not a normal JVM exit, not a SIGKILLed JVM. */
class HostDeathIT {

    @TempDir
    Path runtimeDir;

    private static Process host(Path runtimeDir, String mode) throws Exception {
        String classpath = System.getProperty("java.class.path") + File.pathSeparator
                + System.getProperty("jdk.module.path", "");
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, HostMain.class.getName(), runtimeDir.toString()));
        if (mode != null) {
            argv.add(mode);
        }
        return new ProcessBuilder(argv).redirectErrorStream(true).start();
    }

    private static long childPid(Process host) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("CHILD ")) {
                return Long.parseLong(line.substring(6).trim());
            }
            if (line.startsWith("FAILED")) {
                throw new AssertionError(line);
            }
        }
        throw new AssertionError("the host ended without starting a child");
    }

    private static boolean alive(long pid) {
        return Liveness.running(pid);
    }

    @Test
    void aSigkilledHostsBackendExitsByItselfWithinTwoSeconds() throws Exception {
        Process host = host(runtimeDir, null);
        long child = childPid(host);
        assertThat(alive(child)).isTrue();
        host.destroyForcibly().waitFor();
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20)).until(() -> !alive(child));
    }

    @Test
    void aNormalJvmExitStopsTheBackendThroughTheShutdownHook() throws Exception {
        Process host = host(runtimeDir, "exit");
        long child = childPid(host);
        assertThat(host.waitFor()).isZero();
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20)).until(() -> !alive(child));
    }
}
