package io.sideeye.cli.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SideeyeCommandTest {
    @TempDir
    Path dir;

    @AfterEach
    void forgetLauncher() {
        System.clearProperty(SideeyeCommand.LAUNCHER);
    }

    @Test
    void theInstalledLauncherIsWhatTheUnitsRun() throws IOException {
        Path launcher = Files.createFile(dir.resolve("sideeye"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        System.setProperty(SideeyeCommand.LAUNCHER, launcher.toString());

        assertThat(SideeyeCommand.of(null)).containsExactly(launcher.toString());
    }

    @Test
    void aGivenPathWinsOverTheLauncher() throws IOException {
        Path launcher = Files.createFile(dir.resolve("sideeye"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        System.setProperty(SideeyeCommand.LAUNCHER, launcher.toString());

        assertThat(SideeyeCommand.of("/usr/local/bin/sideeye")).containsExactly("/usr/local/bin/sideeye");
    }

    @Test
    void aLauncherThatIsNotAnExecutableFileIsNotUsed() {
        System.setProperty(SideeyeCommand.LAUNCHER, dir.resolve("gone").toString());

        // the tests run from classes, not from a jar: without a launcher there is nothing to run
        assertThatThrownBy(() -> SideeyeCommand.of(null)).isInstanceOf(ExportException.class)
                .hasMessageContaining("--sideeye");
    }
}
