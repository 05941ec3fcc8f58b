package io.sideeye.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.cli.ExitCodes;
import io.sideeye.testsupport.ReferenceBackend;
import io.sideeye.testsupport.RequiresReferenceBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sideeye doctor} against the real bundled backend and against broken Django projects. */
@RequiresReferenceBackend
class DoctorIT {
    private static final Duration LIMIT = Duration.ofMinutes(2);

    @TempDir
    Path dir;
    @TempDir
    Path home;

    @Test
    void theBundledBackendPassesEveryCheck() throws Exception {
        CliProcess doctor = CliProcess.run(dir, home, LIMIT, "doctor", "--project", ReferenceBackend.PROJECT.toString(),
                "--port", "auto", "--set", "environment={\"SIDEEYE_DATA_DIR\": \"" + dir.resolve("data") + "\"}");
        assertThat(doctor.exitCode()).as(doctor.stdout()).isEqualTo(ExitCodes.OK);
        assertThat(doctor.stdout()).contains(
                "✔ Python        " + ReferenceBackend.PYTHON + " (Python 3.",
                "tried: .venv/bin/python in the project",
                "✔ Django        Django ",
                "✔ manage.py     " + ReferenceBackend.PROJECT.resolve("manage.py"),
                "✔ Settings      sideeye_backend.settings loads",
                "✔ Health path   /api/health/ is served by sideeye_health.views.",
                "✔ Port          auto",
                "✔ Data dir      SIDEEYE_DATA_DIR " + dir.resolve("data"),
                "All checks passed.");
    }

    @Test
    void settingsThatDoNotImportFailWithTheErrorAndTheCommandThatShowsIt() throws Exception {
        Path project = djangoProject("broken", "import nonexistent_app\n", "urlpatterns = []\n");
        CliProcess doctor = CliProcess.run(dir, home, LIMIT, "doctor", "--project", project.toString(),
                "--python", ReferenceBackend.PYTHON.toString(), "--port", "auto");
        assertThat(doctor.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(doctor.stdout()).contains(
                "✔ Django",
                "✘ Settings      broken.settings does not load: ModuleNotFoundError: No module named 'nonexistent_app'",
                "→ fix the error; 'cd " + project + " && " + ReferenceBackend.PYTHON + " manage.py check' shows the whole traceback",
                "– Health path   skipped: needs the settings");
    }

    @Test
    void aProjectWithoutTheHealthEndpointFailsTheHealthPathCheck() throws Exception {
        Path project = djangoProject("tiny", "", "urlpatterns = []\n");
        CliProcess doctor = CliProcess.run(dir, home, LIMIT, "doctor", "--project", project.toString(),
                "--python", ReferenceBackend.PYTHON.toString(), "--port", "auto", "--json");
        assertThat(doctor.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(doctor.stdout()).contains("{\"check\":\"Settings\",\"status\":\"ok\"",
                "{\"check\":\"Health path\",\"status\":\"fail\",\"detail\":\"no URL pattern matches /api/health/\"",
                "`sideeye init` prints the exact lines");
    }

    /** A minimal Django project {@code name} whose settings end with {@code settingsTail}. */
    private Path djangoProject(String name, String settingsTail, String urls) throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("manage.py"), "import os, sys\n"
                + "os.environ.setdefault('DJANGO_SETTINGS_MODULE', '" + name + ".settings')\n"
                + "from django.core.management import execute_from_command_line\nexecute_from_command_line(sys.argv)\n");
        Path pkg = Files.createDirectories(project.resolve(name));
        Files.writeString(pkg.resolve("__init__.py"), "");
        Files.writeString(pkg.resolve("settings.py"), "SECRET_KEY = 'test'\nROOT_URLCONF = '" + name + ".urls'\n"
                + "INSTALLED_APPS = []\nALLOWED_HOSTS = ['127.0.0.1']\n" + settingsTail);
        Files.writeString(pkg.resolve("urls.py"), urls);
        return project;
    }
}
