package io.sideeye.desktop.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstallationTest {
    private static final Path HOME = Path.of("/home/ada");
    private static final Path APP = Path.of("/opt/sideeye-desktop/lib/app");

    @Test
    void followsTheXdgFoldersAndTheirDefaults() {
        Installation defaults = Installation.of(APP, Map.of(), HOME, "/tmp", "ada");
        assertThat(defaults.dataDir()).isEqualTo(Path.of("/home/ada/.local/share/sideeye-desktop"));
        assertThat(defaults.runtimeDir()).isEqualTo(Path.of("/tmp/sideeye-desktop-ada"));
        assertThat(defaults.backend()).isEqualTo(Path.of("/opt/sideeye-desktop/lib/app/backend"));
        assertThat(defaults.logsDir()).isEqualTo(Path.of("/home/ada/.local/share/sideeye-desktop/logs"));

        Installation set = Installation.of(APP, Map.of("XDG_DATA_HOME", "/data", "XDG_RUNTIME_DIR", "/run/user/1000"), HOME, "/tmp", "ada");
        assertThat(set.dataDir()).isEqualTo(Path.of("/data/sideeye-desktop"));
        assertThat(set.runtimeDir()).isEqualTo(Path.of("/run/user/1000/sideeye-desktop"));
    }

    @Test
    void relativeOrEmptyXdgValuesAreIgnoredAsTheSpecSays() {
        Installation installation = Installation.of(APP, Map.of("XDG_DATA_HOME", "data", "XDG_RUNTIME_DIR", " "),
                HOME, "/tmp", "ada");
        assertThat(installation.dataDir()).isEqualTo(Path.of("/home/ada/.local/share/sideeye-desktop"));
        assertThat(installation.runtimeDir()).isEqualTo(Path.of("/tmp/sideeye-desktop-ada"));
    }

    @Test
    void theBackendWritesItsDatabaseOutsideTheInstallTreeAndNoByteCodeUnlessTheUserChoseOtherwise() {
        Installation installation = Installation.of(APP, Map.of(), HOME, "/tmp", "ada");
        assertThat(installation.backendEnvironment(Map.of())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "SIDEEYE_DATA_DIR", "/home/ada/.local/share/sideeye-desktop/data",
                "PYTHONDONTWRITEBYTECODE", "1"));
        assertThat(installation.backendEnvironment(Map.of("SIDEEYE_DATA_DIR", "/srv/notes"))).doesNotContainKey("SIDEEYE_DATA_DIR");
    }
}
