package io.sideeye.cli.init;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsCandidatesTest {
    @TempDir
    Path dir;

    @Test
    void findsSettingsFilesAndPackagesInsidePackagesOnly() throws Exception {
        pkg("mysite");
        Files.writeString(dir.resolve("mysite/settings.py"), "");
        pkg("config");
        pkg("config/settings");
        Files.writeString(dir.resolve("config/settings/production.py"), "");
        Files.createDirectories(dir.resolve("scripts"));
        Files.writeString(dir.resolve("scripts/settings.py"), ""); // not a package: not importable as a module

        assertThat(SettingsCandidates.scan(dir)).containsExactly("config.settings", "mysite.settings");
    }

    @Test
    void skipsVirtualenvsAndHiddenFolders() throws Exception {
        pkg("mysite");
        Files.writeString(dir.resolve("mysite/settings.py"), "");
        Files.createDirectories(dir.resolve("env"));
        Files.writeString(dir.resolve("env/pyvenv.cfg"), "home = /usr/bin\n");
        pkg("env/lib");
        Files.writeString(dir.resolve("env/lib/settings.py"), "");
        pkg(".git/hooks");
        Files.writeString(dir.resolve(".git/hooks/settings.py"), "");

        assertThat(SettingsCandidates.scan(dir)).containsExactly("mysite.settings");
    }

    @Test
    void theFileOfAModuleIsItsPyFileOrItsPackageInit() throws Exception {
        pkg("config/settings");
        assertThat(SettingsCandidates.fileOf(dir, "config.settings")).isEqualTo(dir.resolve("config/settings/__init__.py"));
        assertThat(SettingsCandidates.fileOf(dir, "mysite.settings")).isEqualTo(dir.resolve("mysite/settings.py"));
    }

    private void pkg(String path) throws Exception {
        Files.createDirectories(dir.resolve(path));
        Files.writeString(dir.resolve(path).resolve("__init__.py"), "");
    }
}
