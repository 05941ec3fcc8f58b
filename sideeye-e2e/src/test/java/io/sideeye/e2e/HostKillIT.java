package io.sideeye.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sideeye.testsupport.Liveness;
import io.sideeye.testsupport.RequiresReferenceBackend;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the JVM hosting the manager is SIGKILLed, the Django backend's watchdog ends it. */
@RequiresReferenceBackend
class HostKillIT {

    @TempDir
    Path dataDir;
    @TempDir
    Path runtimeDir;

    @Test
    void theBackendExitsWithinTwoSecondsOfItsHostsDeath() throws Exception {
        String classpath = System.getProperty("java.class.path") + File.pathSeparator
                + System.getProperty("jdk.module.path", "");
        Process host = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, HostMain.class.getName(), dataDir.toString(), runtimeDir.toString())
                .redirectErrorStream(true).start();
        long child = -1;
        BufferedReader out = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            assertThat(line).doesNotStartWith("FAILED");
            if (line.startsWith("CHILD ")) {
                child = Long.parseLong(line.split(" ")[1]);
                break;
            }
        }
        assertThat(child).as("the host printed its child's pid").isPositive();
        long pid = child;
        host.destroyForcibly().waitFor();
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> !Liveness.running(pid));
    }
}
