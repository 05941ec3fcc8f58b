package io.sideeye.distribution;

import static io.sideeye.distribution.Installed.argv;
import static io.sideeye.distribution.Installed.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.distribution.Installed.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sideeye-VERSION.tar.gz} installed the way a user installs it: unpacked into a prefix and
 * run from a folder outside the checkout, with a {@code PATH} that has Java but no Maven.
 */
class ArchiveIT {
    @TempDir
    static Path tmp;
    static Path home;
    static Path work;
    static Path installed;
    static Path sideeye;
    static Map<String, String> env;

    @BeforeAll
    static void install() throws Exception {
        installed = Installed.untar(Installed.ARCHIVE, Files.createDirectories(tmp.resolve("opt")));
        sideeye = installed.resolve("bin/sideeye");
        home = Files.createDirectories(tmp.resolve("home"));
        work = Files.createDirectories(tmp.resolve("work"));
        env = Installed.userEnv(home, Installed.toolsWithout(tmp.resolve("tools"), name -> name.startsWith("mvn")));
    }

    @Test
    void theArchiveHoldsTheCommandItsLibrariesTheBackendAndCompletion() throws Exception {
        for (String file : List.of("bin/sideeye", "conf/jvm.options", "conf/jvm-control.options", "LICENSE", "README.md",
                "backend/manage.py", "backend/sideeye_health/apps.py", "completion/sideeye.bash", "completion/sideeye.zsh",
                "lib/sideeye-service-cli-" + Installed.VERSION + ".jar", "lib/picocli-4.7.7.jar")) {
            assertThat(installed.resolve(file)).as(file).isRegularFile();
        }
        assertThat(Files.isExecutable(sideeye)).isTrue();
        assertThat(installed.resolve("backend/.venv")).doesNotExist();
        assertThat(installed.resolve("backend/data")).doesNotExist();
        Result listing = run(work, Map.of("PATH", "/usr/bin:/bin"), "tar", "-tzf", Installed.ARCHIVE.toString());
        assertThat(listing.out().lines()).hasSizeGreaterThan(20)
                .noneMatch(f -> f.contains("__pycache__") || f.endsWith(".pyc") || f.endsWith(".sqlite3"));
        assertThat(Files.readString(installed.resolve("conf/jvm.options")))
                .isEqualTo(Files.readString(Installed.ROOT.resolve("sideeye-service-cli/jvm.options")));
        assertThat(Files.readString(installed.resolve("LICENSE"))).contains("Apache License", "Version 2.0");
        assertThat(Files.readString(installed.resolve("completion/sideeye.bash")))
                .contains("complete -F _complete_sideeye", "selftest", "status", "export");
        assertThat(Files.readString(installed.resolve("completion/sideeye.zsh"))).contains("bashcompinit");
        try (ZipFile zip = new ZipFile(Installed.ZIP.toFile())) {
            assertThat(zip.stream().map(e -> e.getName()))
                    .contains("sideeye-" + Installed.VERSION + "/bin/sideeye",
                            "sideeye-" + Installed.VERSION + "/lib/sideeye-service-cli-" + Installed.VERSION + ".jar",
                            "sideeye-" + Installed.VERSION + "/backend/manage.py");
        }
    }

    @Test
    void versionFromAFolderOutsideTheCheckoutWithoutMaven() throws Exception {
        assertThat(run(work, env, "sh", "-c", "command -v mvn").code()).isNotZero();
        Result version = run(work, env, argv(sideeye, "--version"));
        assertThat(version.code()).as(version.all()).isZero();
        assertThat(version.out()).startsWith("sideeye " + Installed.VERSION + "\nJava 17");
        assertThat(version.err()).isEmpty();
    }

    @Test
    void doctorPassesAgainstTheBundledBackend() throws Exception {
        Result doctor = run(work, env, argv(sideeye, "doctor", "--project", installed.resolve("backend").toString(),
                "--port", "auto", "--python", Installed.python()));
        assertThat(doctor.code()).as(doctor.all()).isZero();
        assertThat(doctor.out()).contains("✔ Django", "✔ Settings      sideeye_backend.settings loads",
                // the install tree may be read-only: the bundled backend's database is the user's
                "✔ Data dir      SIDEEYE_DATA_DIR " + home.resolve(".local/share/sideeye/backend"));
    }

    @Test
    void selftestPassesAgainstTheBundledBackend() throws Exception {
        Result selftest = run(work, env, argv(sideeye, "selftest", "--project", installed.resolve("backend").toString(),
                "--port", "auto", "--python", Installed.python()));
        assertThat(selftest.code()).as(selftest.all()).isZero();
        assertThat(selftest.out()).containsPattern("✔ start +\\d+ ms  pid \\d+, port \\d+")
                .containsPattern("✔ health check +\\d+ ms  HTTP 200");
        assertThat(home.resolve(".local/share/sideeye/backend/sideeye.sqlite3")).isRegularFile();
        assertThat(installed.resolve("backend/data")).doesNotExist();
    }

    @Test
    void controlCommandsWithoutARunSayHowToStartOne() throws Exception {
        Result status = run(work, env, argv(sideeye, "status"));
        assertThat(status.code()).as(status.all()).isEqualTo(3);
        assertThat(status.err()).contains("no running 'sideeye run' found");
        Result help = run(work, env, argv(sideeye, "status", "--help")); // left to the full command line
        assertThat(help.code()).as(help.all()).isZero();
        assertThat(help.out()).contains("Usage: sideeye status");
    }

    @Test
    void exportedUnitsRunTheInstalledCommand() throws Exception {
        Path dir = Files.createDirectories(work.resolve("export"));
        Files.writeString(dir.resolve("sideeye.yaml"), "projectDir: " + installed.resolve("backend") + "\nport: 8000\n"
                + "python: " + Installed.python() + "\nenvironment:\n  SIDEEYE_DATA_DIR: /var/lib/sideeye\n");
        Result export = run(dir, env, argv(sideeye, "export", "systemd", "--out", "units"));
        assertThat(export.code()).as(export.all()).isZero();
        assertThat(Files.readString(dir.resolve("units/sideeye-web-health.service")))
                .contains("ExecStart=" + sideeye + " health --url http://127.0.0.1:8000/api/health/");
    }

    @Test
    void aPrefixAndAHomeWithSpacesAreOneArgumentEach() throws Exception {
        Path spaced = Installed.untar(Installed.ARCHIVE, Files.createDirectories(tmp.resolve("my apps")));
        Path spacedHome = Files.createDirectories(tmp.resolve("home with space"));
        Map<String, String> user = Installed.userEnv(spacedHome, Path.of(env.get("PATH")));
        user.put("SIDEEYE_JAVA_OPTS", "-Dsideeye.a=1 -Dsideeye.b=2");

        Result doctor = run(work, user, argv(spaced.resolve("bin/sideeye"), "doctor", "--project",
                spaced.resolve("backend").toString(), "--port", "auto", "--python", Installed.python()));
        Result version = run(work, user, argv(spaced.resolve("bin/sideeye"), "--version"));

        assertThat(doctor.code()).as(doctor.all()).isZero();
        assertThat(version.code()).as(version.all()).isZero();
        try (var files = Files.walk(spacedHome.resolve(".cache/sideeye/" + Installed.VERSION))) {
            assertThat(files.map(f -> f.getFileName().toString())).contains("run.jsa", "control-version.jsa");
        }
    }

    @Test
    void aJavaOlderThan17GetsOneLineSayingWhatWasFoundAndWhatIsNeeded() throws Exception {
        Path fake = Files.createDirectories(tmp.resolve("java11/bin"));
        Files.writeString(fake.resolve("java"), "#!/bin/sh\necho 'openjdk version \"11.0.21\" 2023-10-17' >&2\n"
                + "echo 'OpenJDK Runtime Environment (build 11.0.21+9)' >&2\nexit 0\n");
        fake.resolve("java").toFile().setExecutable(true);
        Map<String, String> old = new java.util.HashMap<>(env);
        old.put("PATH", fake + ":" + env.get("PATH"));
        old.put("XDG_CACHE_HOME", Files.createDirectories(tmp.resolve("cache-java11")).toString());

        Result r = run(work, old, argv(sideeye, "--version"));

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).singleElement().asString()
                .contains("needs Java 17 or newer", fake.resolve("java").toString(), "Java 11.0.21", "JAVA_HOME");
    }

    @Test
    void noJavaAtAllGetsOneLine() throws Exception {
        Map<String, String> none = new java.util.HashMap<>(env);
        none.put("PATH", Installed.toolsWithout(tmp.resolve("tools-nojava"),
                name -> name.startsWith("mvn") || name.startsWith("java")).toString());

        Result r = run(work, none, argv(sideeye, "status"));

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().lines()).singleElement().asString()
                .contains("needs Java 17 or newer", "found no java", "JAVA_HOME");
    }

    @Test
    void aJavaHomeWithoutJavaIsNamed() throws Exception {
        Map<String, String> wrong = new java.util.HashMap<>(env);
        wrong.put("JAVA_HOME", tmp.resolve("no-such-jdk").toString());

        Result r = run(work, wrong, argv(sideeye, "--version"));

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().lines()).singleElement().asString()
                .contains(tmp.resolve("no-such-jdk/bin/java").toString(), "JAVA_HOME", "Java 17 or newer");
    }
}
