package io.sideeye.desktop.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock and socket for real, within one process (a second channel on the lock file is refused). */
class SingleInstanceTest {
    @TempDir
    Path runtime;

    @Test
    void theFirstHoldsTheLockAndALaterLaunchActivatesIt() throws Exception {
        Path dir = runtime.resolve("sideeye-desktop");
        try (SingleInstance first = SingleInstance.claim(dir)) {
            assertThat(first).isNotNull();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
            AtomicInteger activations = new AtomicInteger();
            first.onActivate(activations::incrementAndGet);
            assertThat(SingleInstance.claim(dir)).isNull();
            assertThat(SingleInstance.activateRunning(dir, Duration.ofSeconds(5))).isTrue();
            assertThat(SingleInstance.activateRunning(dir, Duration.ofSeconds(5))).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> activations.get() == 2);
        }
        try (SingleInstance again = SingleInstance.claim(dir)) {
            assertThat(again).as("the lock is free once the first has gone").isNotNull();
        }
    }

    @Test
    void anActivationBeforeTheWindowExistsIsDeliveredWhenItDoes() throws Exception {
        Path dir = runtime.resolve("sideeye-desktop");
        try (SingleInstance first = SingleInstance.claim(dir)) {
            assertThat(SingleInstance.activateRunning(dir, Duration.ofSeconds(5))).isTrue();
            AtomicInteger activations = new AtomicInteger();
            first.onActivate(activations::incrementAndGet);
            assertThat(activations).hasValue(1);
        }
    }

    @Test
    void aStaleSocketWithoutALockHolderIsReplacedAndNobodyAnswersWithoutAnApp() throws Exception {
        Path dir = Files.createDirectories(runtime.resolve("sideeye-desktop"));
        Files.writeString(dir.resolve("instance.sock"), "left by a killed app");
        assertThat(SingleInstance.activateRunning(dir, Duration.ofMillis(300))).isFalse();
        try (SingleInstance first = SingleInstance.claim(dir)) {
            assertThat(first).isNotNull();
            assertThat(SingleInstance.activateRunning(dir, Duration.ofSeconds(5))).isTrue();
        }
    }
}
