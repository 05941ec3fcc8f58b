package io.sideeye.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.service.ApiResponse;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceState;
import io.sideeye.testsupport.ReferenceBackend;
import io.sideeye.testsupport.RequiresReferenceBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data safety with the real Django backend: notes written through {@code apiCall} survive every
 * crash, kill and restart the suite causes (rounds: {@code -Dnotes.rounds}).
 */
@RequiresReferenceBackend
class NotesSurviveRestartsIT {
    @TempDir
    Path dataDir;
    @TempDir
    Path runtimeDir;

    @Test
    void everyAcknowledgedNoteSurvivesEveryRestart() throws Exception {
        int rounds = Integer.getInteger("notes.rounds", 30);
        Random random = new Random(Long.getLong("notes.seed", System.nanoTime()));
        Set<Integer> acknowledged = new HashSet<>();
        int kills = 0;
        int restarts = 0;
        long began = System.nanoTime();
        try (DjangoServiceManager m = DjangoServiceManager.builder().projectDir(ReferenceBackend.PROJECT)
                .python(ReferenceBackend.PYTHON.toString())
                .port(0).environment(Map.of("SIDEEYE_DATA_DIR", dataDir.toString())).runtimeDir(runtimeDir)
                .startupTimeout(Duration.ofSeconds(60)).shutdownTimeout(Duration.ofSeconds(5))
                .restartDelay(Duration.ofMillis(50)).maxRestartDelay(Duration.ofMillis(200))
                .restartResetAfter(Duration.ofMillis(500)).maxRestartAttempts(10).build()) {
            assertThat(m.start().get(90, TimeUnit.SECONDS)).isTrue();
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < 3; i++) {
                    ApiResponse created = m.apiCall("/notes/", "POST", Map.of("title", "round " + round + " note " + i,
                            "body", "written before fault " + round)).get(30, TimeUnit.SECONDS);
                    assertThat(created.status()).as("create: %s", created).isEqualTo(201);
                    acknowledged.add(created.data().get("id").asInt());
                }
                long pid = m.getStatus().pid();
                if (random.nextBoolean()) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                    kills++;
                    await().atMost(Duration.ofSeconds(60)).until(() -> m.getStatus().state() == ServiceState.RUNNING
                            && m.getStatus().pid() != null && m.getStatus().pid() != pid);
                } else {
                    assertThat(m.restart().get(90, TimeUnit.SECONDS)).isTrue();
                    restarts++;
                }
                assertThat(ids(m)).as("notes after fault %d", round).containsAll(acknowledged);
            }
            assertThat(m.stop().get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(m.start().get(90, TimeUnit.SECONDS)).isTrue();
            Set<Integer> atEnd = ids(m);
            assertThat(atEnd).containsExactlyInAnyOrderElementsOf(acknowledged);
            Figures.record("notes data safety", String.format("rounds=%d notesWritten=%d notesAtEnd=%d sigkills=%d"
                            + " restarts=%d plusStopStart=1 seconds=%.1f", rounds, acknowledged.size(), atEnd.size(),
                    kills, restarts, (System.nanoTime() - began) / 1e9));
        }
        assertThat(Files.list(dataDir).count()).as("the SQLite file in the data dir").isPositive();
    }

    private static Set<Integer> ids(DjangoServiceManager m) throws Exception {
        ApiResponse list = m.apiCall("/notes/", "GET", null).get(30, TimeUnit.SECONDS);
        assertThat(list.success()).as("list: %s", list).isTrue();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode n : list.data().get("notes")) {
            ids.add(n.get("id").asInt());
        }
        assertThat(ids).as("listing holds every note (count %s)", list.data().path("count"))
                .hasSize(list.data().get("count").asInt());
        return ids;
    }
}
