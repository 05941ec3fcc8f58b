package io.sideeye.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.cli.Cli;
import io.sideeye.cli.ExitCodes;
import io.sideeye.cli.init.InitRequest;
import io.sideeye.cli.init.Initializer;
import io.sideeye.cli.init.Questions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sideeye init} on real Django projects with a real interpreter: what it finds, writes, and refuses. */
class InitIT {
    private static final String PYTHON = Backends.SYSTEM_PYTHON;

    @TempDir
    Path dir;

    @Test
    void aFolderWithoutManagePyIsRefusedNamingTheFolderAndWhereManagePyIs() throws Exception {
        Path project = DjangoProjects.startproject(PYTHON, dir, "mysite");
        Map<Path, FileTime> before = files(dir);
        Cli.Result r = new Cli(dir).run("init", "--python", PYTHON);
        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("no manage.py in " + dir, "pass --project DIR", "manage.py is in: " + project);
        assertThat(files(dir)).isEqualTo(before);
    }

    @Test
    void twoCandidateSettingsModulesAreRefusedNamingBothFilesAndTheFlag() throws Exception {
        Files.writeString(dir.resolve("manage.py"), "import sys\nfrom django.core.management import execute_from_command_line\n"
                + "execute_from_command_line(sys.argv)\n");
        for (String pkg : new String[] {"alpha", "beta"}) {
            Files.createDirectories(dir.resolve(pkg));
            Files.writeString(dir.resolve(pkg).resolve("__init__.py"), "");
            Files.writeString(dir.resolve(pkg).resolve("settings.py"), "SECRET_KEY = 'x'\n");
        }
        Map<Path, FileTime> before = files(dir);
        Cli.Result r = new Cli(dir).run("init", "--python", PYTHON);
        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("2 candidate settings modules", "alpha.settings (" + dir.resolve("alpha/settings.py") + ")",
                "beta.settings (" + dir.resolve("beta/settings.py") + ")", "Pass --settings MODULE");
        assertThat(files(dir)).isEqualTo(before);
    }

    @Test
    void settingsThatRaiseAreRefusedWithTheErrorTheFileAndManagePyCheck() throws Exception {
        Path project = DjangoProjects.startproject(PYTHON, dir, "mysite");
        Path settings = project.resolve("mysite/settings.py");
        Files.writeString(settings, Files.readString(settings) + "\nraise RuntimeError('no database password given')\n");
        Map<Path, FileTime> before = files(dir);
        Cli.Result r = new Cli(project).run("init", "--python", PYTHON);
        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("the settings module mysite.settings (" + settings + ") raises an error when loaded: "
                + "RuntimeError: no database password given", PYTHON + " manage.py check' shows the whole traceback");
        assertThat(files(dir)).isEqualTo(before);
    }

    @Test
    void aProjectWithoutTheAppGetsTheLinesToAddWithFileAndPlaceAndNothingIsWritten() throws Exception {
        Path project = DjangoProjects.startproject(PYTHON, dir, "mysite");
        Map<Path, FileTime> before = files(dir);
        Cli.Result r = new Cli(project).run("init", "--python", PYTHON);
        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("sideeye_health is not wired into the project in " + project, "nothing was written",
                "  at the end of " + project.resolve("mysite/settings.py") + ":\n    INSTALLED_APPS += [\"sideeye_health\"]\n",
                "  at the end of " + project.resolve("mysite/urls.py") + ":\n    from django.urls import include, path\n"
                        + "    urlpatterns += [path(\"api/\", include(\"sideeye_health.urls\"))]");
        assertThat(files(dir)).isEqualTo(before);
    }

    @Test
    void aWiredProjectGetsACommentedFileThatIsNeverReplacedWithoutForce() throws Exception {
        String python = DjangoProjects.venvPython().toString();
        Path project = DjangoProjects.startproject(python, dir, "mysite");
        assertThat(DjangoProjects.follow(new Cli(project).run("init", "--python", python).err())).isEqualTo(2);

        Cli.Result r = new Cli(project).run("init", "--python", python);
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("settings      mysite.settings", "application   mysite.wsgi:application (WSGI)",
                "health        /api/health/ is served by sideeye_health.views.health", "Optional:",
                "Wrote " + project.resolve("sideeye.yaml"));
        String yaml = Files.readString(project.resolve("sideeye.yaml"));
        assertThat(yaml).contains("projectDir: .\n", "python: " + python + "\n", "settingsModule: mysite.settings\n",
                "server: auto\n", "wsgiApplication: mysite.wsgi:application\n", "port: auto\n",
                "healthPath: /api/health/\n", "# startupTimeout: 30s");

        Files.writeString(project.resolve("sideeye.yaml"), "# mine\n");
        Cli.Result again = new Cli(project).run("init", "--python", python);
        assertThat(again.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(again.err()).contains(project.resolve("sideeye.yaml") + " already exists", "--force");
        assertThat(Files.readString(project.resolve("sideeye.yaml"))).isEqualTo("# mine\n");
        assertThat(new Cli(project).run("init", "--python", python, "--force", "--server", "uvicorn").code())
                .isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(project.resolve("sideeye.yaml"))).contains("server: uvicorn\n",
                "wsgiApplication: mysite.asgi:application\n");
    }

    @Test
    void aProjectWithOnlyAnAsgiApplicationIsRunUnderUvicorn() throws Exception {
        String python = DjangoProjects.venvPython().toString();
        Path project = DjangoProjects.startproject(python, dir, "mysite");
        Files.delete(project.resolve("mysite/wsgi.py"));
        DjangoProjects.follow(new Cli(project).run("init", "--python", python).err());

        Cli.Result r = new Cli(project).run("init", "--python", python);
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("application   mysite.asgi:application (ASGI)");
        assertThat(Files.readString(project.resolve("sideeye.yaml"))).contains("server: uvicorn\n",
                "wsgiApplication: mysite.asgi:application\n");

        String written = Files.readString(project.resolve("sideeye.yaml"));
        Cli.Result wsgi = new Cli(project).run("init", "--python", python, "--server", "waitress", "--force");
        assertThat(wsgi.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(wsgi.err()).contains("no WSGI application was found for " + project.resolve("mysite/settings.py"),
                "--app mysite.wsgi:application");
        assertThat(Files.readString(project.resolve("sideeye.yaml"))).isEqualTo(written);
    }

    @Test
    void aProjectWithItsOwnHealthUrlNeedsNoAppButAViewAtThatPath() throws Exception {
        Path project = DjangoProjects.startproject(PYTHON, dir, "mysite");
        Path urls = project.resolve("mysite/urls.py");
        Files.writeString(urls, Files.readString(urls) + "\nfrom django.http import JsonResponse\n"
                + "urlpatterns += [path('healthz/', lambda request: JsonResponse({'ok': True}))]\n");
        Cli.Result wrong = new Cli(project).run("init", "--python", PYTHON, "--health-path", "/health/");
        assertThat(wrong.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(wrong.err()).contains("no URL pattern of " + urls + " matches /health/", "--health-path");
        assertThat(project.resolve("sideeye.yaml")).doesNotExist();

        Cli.Result r = new Cli(project).run("init", "--python", PYTHON, "--health-path", "/healthz/");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(project.resolve("sideeye.yaml"))).contains("healthPath: /healthz/\n");
    }

    @Test
    void onATerminalTheUsersAnswerPicksOneOfTwoSettingsModules() throws Exception {
        String python = DjangoProjects.venvPython().toString();
        Files.writeString(dir.resolve("manage.py"), "import sys\nfrom django.core.management import execute_from_command_line\n"
                + "execute_from_command_line(sys.argv)\n");
        for (String pkg : new String[] {"alpha", "beta"}) {
            Files.createDirectories(dir.resolve(pkg));
            Files.writeString(dir.resolve(pkg).resolve("__init__.py"), "");
            Files.writeString(dir.resolve(pkg).resolve("settings.py"), "SECRET_KEY = 'x'\nDEBUG = True\n"
                    + "INSTALLED_APPS = ['sideeye_health']\nSIDEEYE_HEALTH = {'DATABASES': []}\nROOT_URLCONF = '" + pkg + ".urls'\n"
                    + "WSGI_APPLICATION = '" + pkg + ".wsgi.application'\n");
            Files.writeString(dir.resolve(pkg).resolve("wsgi.py"), "from django.core.wsgi import get_wsgi_application\n"
                    + "application = get_wsgi_application()\n");
            Files.writeString(dir.resolve(pkg).resolve("urls.py"), "from django.urls import include, path\n"
                    + "urlpatterns = [path('api/', include('sideeye_health.urls'))]\n");
        }
        List<String> asked = new ArrayList<>();
        Questions terminal = (question, options) -> {
            asked.add(question + " " + options);
            return Optional.of("beta.settings");
        };
        Initializer.Result result = new Initializer(new InitRequest(dir, python, null, null, null, "auto", null,
                dir.resolve("sideeye.yaml"), false, Map.of("PATH", "/usr/bin:/bin")), terminal).run();
        assertThat(asked).containsExactly("Which settings module does the backend use? [alpha.settings, beta.settings]");
        assertThat(result.facts().settings()).isEqualTo("beta.settings");
        assertThat(result.facts().application()).isEqualTo("beta.wsgi:application");
        assertThat(Files.readString(dir.resolve("sideeye.yaml"))).contains("settingsModule: beta.settings\n");
    }

    @Test
    void anInterpreterWithoutDjangoIsRefusedNamingOneThatHasIt() throws Exception {
        Path project = DjangoProjects.startproject(PYTHON, dir, "mysite");
        Path bare = dir.resolve("bare");
        DjangoProjects.run(dir, java.time.Duration.ofMinutes(1), PYTHON, "-m", "venv", "--without-pip", bare.toString());
        Map<Path, FileTime> before = files(project);
        Cli.Result r = new Cli(project).run("init", "--python", bare.resolve("bin/python").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("no Python interpreter that imports Django was found for " + project,
                "--python (" + bare.resolve("bin/python") + "): Python 3", "no Django",
                PYTHON + " has Django 3.2", "--python " + PYTHON + " uses it");
        assertThat(files(project)).isEqualTo(before);
    }

    /** Every file below {@code root} and when it last changed. */
    private static Map<Path, FileTime> files(Path root) throws IOException {
        Map<Path, FileTime> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(p -> !p.toString().contains("__pycache__")).toList()) {
                files.put(p, Files.getLastModifiedTime(p));
            }
        }
        return files;
    }
}
