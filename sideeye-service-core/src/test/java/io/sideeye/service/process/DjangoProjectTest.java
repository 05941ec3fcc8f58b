package io.sideeye.service.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DjangoProjectTest {

    @Test
    void readsTheSettingsModuleFromSetdefault() {
        assertThat(DjangoProject.settingsIn("os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')"))
                .hasValue("mysite.settings");
        assertThat(DjangoProject.settingsIn("os.environ.setdefault(\n    \"DJANGO_SETTINGS_MODULE\",\n"
                + "    \"config.settings.local\"\n)")).hasValue("config.settings.local");
    }

    @Test
    void readsTheSettingsModuleFromAnAssignment() {
        assertThat(DjangoProject.settingsIn("os.environ[\"DJANGO_SETTINGS_MODULE\"] = \"app.settings\""))
                .hasValue("app.settings");
    }

    @Test
    void ignoresMismatchedQuotesAndOtherVariables() {
        assertThat(DjangoProject.settingsIn("os.environ.setdefault('DJANGO_SETTINGS_MODULE\", 'x.settings')")).isEmpty();
        assertThat(DjangoProject.settingsIn("os.environ.setdefault('OTHER', 'x.settings')")).isEmpty();
        assertThat(DjangoProject.settingsIn("print('hello')")).isEmpty();
    }

    @Test
    void theApplicationDefaultsToTheSettingsPackage(@TempDir Path dir) {
        DjangoProject project = new DjangoProject(dir);

        assertThat(project.applicationFor("shop.settings", "wsgi")).isEqualTo("shop.wsgi:application");
        assertThat(project.applicationFor("shop.settings", "asgi")).isEqualTo("shop.asgi:application");
        assertThat(project.applicationFor("settings", "wsgi")).isEqualTo("wsgi:application");
    }

    @Test
    void theApplicationIsFoundInTheNearestPackageThatHasIt(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("config/settings"));
        Files.writeString(dir.resolve("config/asgi.py"), "");
        DjangoProject project = new DjangoProject(dir);

        assertThat(project.applicationFor("config.settings.production", "asgi")).isEqualTo("config.asgi:application");
        assertThat(project.applicationFor("config.settings.production", "wsgi"))
                .isEqualTo("config.settings.wsgi:application");
    }
}
