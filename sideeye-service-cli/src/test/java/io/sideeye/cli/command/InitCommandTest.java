package io.sideeye.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.cli.Cli;
import io.sideeye.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sideeye init}'s refusals that need no interpreter: each exits 2 and writes nothing. */
class InitCommandTest {
    @TempDir
    Path dir;

    @Test
    void aFolderWithoutManagePyIsRefused() throws Exception {
        Cli.Result r = new Cli(dir).run("init", "--project", "nowhere");
        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("no manage.py in " + dir.resolve("nowhere"), "pass --project DIR");
        assertThat(dir.resolve("nowhere")).doesNotExist();
    }

    @Test
    void anExistingFileIsNeverReplacedWithoutForce() throws Exception {
        Files.writeString(dir.resolve("manage.py"), "");
        Files.writeString(dir.resolve("sideeye.yaml"), "port: 9000\n");
        Cli.Result r = new Cli(dir).run("init");
        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains(dir.resolve("sideeye.yaml") + " already exists; nothing was written", "--force",
                "--output FILE");
        assertThat(Files.readString(dir.resolve("sideeye.yaml"))).isEqualTo("port: 9000\n");
    }

    @Test
    void aManagePyThatNamesNoSettingsWithNoSettingsModuleAroundAsksForTheFlag() throws Exception {
        Files.writeString(dir.resolve("manage.py"), "print('hi')\n");
        Cli.Result r = new Cli(dir).run("init");
        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains(dir.resolve("manage.py") + " sets no default DJANGO_SETTINGS_MODULE",
                "Pass --settings MODULE");
        assertThat(dir.resolve("sideeye.yaml")).doesNotExist();
    }

    @Test
    void aHealthPathMustBeAPath() {
        Cli.Result r = new Cli(dir).run("init", "--health-path", "healthz");
        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("--health-path healthz must start with /");
    }
}
