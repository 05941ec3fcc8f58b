package io.sideeye.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.ServiceConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code run --watch} sees between two versions of a file with services. */
class GroupDiffTest {
    private static final String BASE = """
            services:
              web: {}
              worker:
                after: [web]
                healthCheckInterval: 10s
            """;

    @TempDir
    Path dir;

    private ResolvedGroup load(String yaml) throws IOException {
        Files.writeString(dir.resolve("sideeye.yaml"), yaml);
        return ConfigLoader.loadGroup(new ConfigRequest(null, null, List.of(), Map.of(), dir));
    }

    @Test
    void aLiveKeyOfOneServiceIsThatServicesChangeOnly() throws IOException {
        GroupDiff diff = GroupDiff.between(load(BASE), load(BASE.replace("10s", "1s")));
        assertThat(diff.reshapes()).isFalse();
        assertThat(diff.services()).containsOnlyKeys("worker");
        assertThat(diff.services().get("worker").needsBackendRestart()).isFalse();
        assertThat(diff.describe(true)).isEqualTo("worker: healthCheckInterval 10s -> 1s");
    }

    @Test
    void aProcessKeyNeedsARestartOfThatService() throws IOException {
        GroupDiff diff = GroupDiff.between(load(BASE), load(BASE.replace("  web: {}", "  web: {port: 8123}")));
        assertThat(diff.services()).containsOnlyKeys("web");
        assertThat(diff.services().get("web").needsBackendRestart()).isTrue();
        assertThat(diff.describe(true)).isEqualTo("web: port auto (0) -> 8123");
    }

    @Test
    void afterInstancesAndTheSetOfServicesReshapeTheGroup() throws IOException {
        ResolvedGroup base = load(BASE);
        assertThat(GroupDiff.between(base, load(BASE.replace("after: [web]", "instances: 2"))).shape())
                .containsExactly("worker.after [\"web\"] -> []", "worker.instances 1 -> 2");
        assertThat(GroupDiff.between(base, load(BASE + "  api: {}\n")).shape())
                .containsExactly("services web, worker -> web, worker, api");
        assertThat(GroupDiff.between(base, load(BASE + "defaultService: worker\n")).describe(true))
                .isEqualTo("defaultService web -> worker");
        assertThat(GroupDiff.between(base, load(BASE + "# a comment\n")).isEmpty()).isTrue();
    }

    @Test
    void processKeysAfterListsAndCopiesReplaceTheirServiceWhileTheSetOfServicesRegroups() throws IOException {
        ResolvedGroup base = load(BASE);
        GroupDiff live = GroupDiff.between(base, load(BASE.replace("10s", "1s")));
        assertThat(live.regroups()).isFalse();
        assertThat(live.replacements()).isEmpty();

        GroupDiff web = GroupDiff.between(base, load(BASE.replace("  web: {}", "  web: {port: 8123}")
                .replace("10s", "1s")));
        assertThat(web.regroups()).isFalse();
        assertThat(web.replacements()).containsExactly("web");

        GroupDiff copies = GroupDiff.between(base, load(BASE.replace("after: [web]", "instances: 2")));
        assertThat(copies.regroups()).isFalse();
        assertThat(copies.replacements()).containsExactly("worker");

        assertThat(GroupDiff.between(base, load(BASE + "  api: {}\n")).regroups()).isTrue();
        assertThat(GroupDiff.between(base, load(BASE + "defaultService: worker\n")).regroups()).isTrue();
    }

    @Test
    void aRunningCopyTakesTheNewValuesAndKeepsItsOwnNameAndPort() throws IOException {
        ResolvedGroup before = load(BASE);
        ConfigDiff diff = ConfigDiff.between(before.spec("worker").config(),
                load(BASE.replace("10s", "1s")).spec("worker").config());
        ServiceConfig copy = before.spec("worker").config().toBuilder().name("worker#2").port(40123).config();
        ServiceConfig updated = diff.applyTo(copy);
        assertThat(updated.healthCheckInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(updated.name()).isEqualTo("worker#2");
        assertThat(updated.port()).isEqualTo(40123);
    }
}
