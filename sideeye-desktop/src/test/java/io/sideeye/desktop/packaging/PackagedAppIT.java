package io.sideeye.desktop.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sideeye.desktop.ui.Screenshots;
import io.sideeye.testsupport.Liveness;
import io.sideeye.testsupport.Signals;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb as built by the installer profile: its fields, and its launcher extracted with
 * {@code dpkg -x} into a temporary root and run as a user runs it: the headless check, the window
 * on a virtual display, one instance per user, the remedy where Django is missing, and the
 * backend's watchdog after a SIGKILL of the app.
 */
class PackagedAppIT {
    static final Path TARGET = Path.of("target").toAbsolutePath();
    static final Path SCREENSHOTS = TARGET.resolve("screenshots");

    private static Path root;
    private static Path launcher;

    @TempDir
    Path home;

    @BeforeAll
    static void extract() throws Exception {
        root = Files.createTempDirectory("sideeye-deb-root");
        Commands.ok(List.of("dpkg", "-x", deb().toString(), root.toString()), 300);
        launcher = root.resolve("opt/sideeye-desktop/bin/sideeye-desktop");
    }

    @AfterAll
    static void removeRoot() throws IOException {
        Commands.deleteTree(root);
    }

    static Path deb() throws IOException {
        try (Stream<Path> files = Files.list(TARGET)) {
            return files.filter(p -> p.getFileName().toString().matches("sideeye-desktop_.*\\.deb")).findFirst()
                    .orElseThrow(() -> new AssertionError("no .deb in " + TARGET + "; build it with mvn -Pinstaller package"));
        }
    }

    @Test
    void theDebNamesTheAppAndDependsOnPythonWithDjango() throws Exception {
        String info = Commands.ok(List.of("dpkg-deb", "-I", deb().toString()), 60);
        String arch = Commands.ok(List.of("dpkg", "--print-architecture"), 30).strip();
        assertThat(info).contains(" Package: sideeye-desktop\n", " Version: 0.1.0-1\n", " Architecture: " + arch + "\n",
                " Section: devel\n", " Maintainer: SideEye <", " Description: SideEye desktop app");
        String depends = info.lines().filter(l -> l.startsWith(" Depends: ")).findFirst().orElseThrow();
        assertThat(depends).contains("python3 (>= 3.9)", "python3-django (>= 3.2)", "python3-waitress", "libgtk-3-0");
        assertThat(Files.size(deb())).as("installer size").isLessThanOrEqualTo(80L * 1024 * 1024);

        List<String> files = Commands.tree(root);
        assertThat(files).contains("opt/sideeye-desktop/bin/sideeye-desktop", "opt/sideeye-desktop/lib/runtime/release",
                "opt/sideeye-desktop/lib/app/backend/manage.py", "opt/sideeye-desktop/lib/app/javafx/libglassgtk3.so",
                "opt/sideeye-desktop/lib/sideeye-desktop.png", "opt/sideeye-desktop/share/doc/copyright");
        assertThat(files).anyMatch(f -> f.matches("opt/sideeye-desktop/lib/app/javafx/javafx-graphics-[0-9.]+-linux.*\\.jar"));
        assertThat(files).noneMatch(f -> f.contains(".venv") || f.contains("__pycache__") || f.endsWith(".sqlite3")
                || f.contains("backend/data"));
        String desktop = Files.readString(root.resolve("opt/sideeye-desktop/lib/sideeye-desktop-sideeye-desktop.desktop"));
        assertThat(desktop).contains("Name=SideEye", "Exec=/opt/sideeye-desktop/bin/sideeye-desktop",
                "Icon=/opt/sideeye-desktop/lib/sideeye-desktop.png", "Categories=Development;Utility;", "Type=Application");
        BufferedImage icon = javax.imageio.ImageIO.read(root.resolve("opt/sideeye-desktop/lib/sideeye-desktop.png").toFile());
        assertThat(icon.getWidth()).isEqualTo(256);
        assertThat(Screenshots.distinctColours(icon)).isGreaterThan(10);
        String modules = Files.readString(root.resolve("opt/sideeye-desktop/lib/runtime/release"));
        assertThat(modules).contains("java.desktop", "java.net.http", "jdk.unsupported").doesNotContain("jdk.compiler", "javafx");
    }

    @Test
    void theExtractedLauncherPassesItsCheckAndWritesOnlyUnderTheUsersDataFolder() throws Exception {
        List<String> before = Commands.tree(root);
        PackagedApp check = PackagedApp.start(PackagedApp.command(launcher, home, Map.of(), "--check"));
        assertThat(check.waitFor(Duration.ofSeconds(180))).as(check::text).isZero();
        assertThat(check.output.lines()).as(check::text).anyMatch(l -> l.startsWith("check: backend running at http://127.0.0.1:"))
                .contains("check: backend stopped", "check: OK")
                .anyMatch(l -> l.startsWith("check: health ok"))
                .anyMatch(l -> l.startsWith("check: GET /notes/ -> 200"));
        assertThat(check.text()).contains(root.resolve("opt/sideeye-desktop/lib/app/backend").toString());
        assertThat(home.resolve(".local/share/sideeye-desktop/data/sideeye.sqlite3")).isRegularFile();
        assertThat(Commands.tree(root)).as("nothing written into the install tree").isEqualTo(before);
        assertThat(home.resolve(".openjfx")).doesNotExist();
        assertThat(home.resolve(".cache/sideeye-desktop")).as("the app's class archive, written at the first exit")
                .isDirectoryContaining(p -> p.getFileName().toString().matches("classes-[0-9.]+\\.jsa"));
    }

    @Test
    void withoutDjangoTheCheckSaysWhatToInstall() throws Exception {
        Path python = fakePythonWithoutDjango();
        PackagedApp check = PackagedApp.start(PackagedApp.command(launcher, home, Map.of("SIDEEYE_PYTHON", python.toString()), "--check"));
        assertThat(check.waitFor(Duration.ofSeconds(60))).as(check::text).isEqualTo(1);
        assertThat(check.text()).contains("check: FAILED: No Python with Django and waitress was found",
                python + ": has no module 'django'", "sudo apt install python3 python3-django python3-waitress")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void withoutDjangoTheWindowShowsTheRemedy() throws Exception {
        try (Xvfb x = Xvfb.start(Files.createDirectories(home.resolve("x")));
             PackagedApp app = PackagedApp.start(PackagedApp.command(launcher, home,
                     Map.of("DISPLAY", x.display(), "SIDEEYE_PYTHON", fakePythonWithoutDjango().toString())))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> app.printed("sudo apt install") || !app.process.isAlive());
            assertThat(app.process.isAlive()).as(app::text).isTrue();
            BufferedImage shot = awaitPainted(x);
            Screenshots.save(shot, SCREENSHOTS.resolve("packaged-missing-python.png"));
            assertThat(app.text()).doesNotContain("\tat ");
        }
    }

    @Test
    void theWindowOpensAndASecondLaunchBringsItForward() throws Exception {
        try (Xvfb x = Xvfb.start(Files.createDirectories(home.resolve("x")));
             PackagedApp app = PackagedApp.start(PackagedApp.command(launcher, home, Map.of("DISPLAY", x.display())))) {
            long backend = app.awaitBackend();
            Screenshots.save(awaitPainted(x), SCREENSHOTS.resolve("packaged-app.png"));

            PackagedApp second = PackagedApp.start(PackagedApp.command(launcher, home, Map.of("DISPLAY", x.display())));
            assertThat(second.waitFor(Duration.ofSeconds(60))).as(second::text).isZero();
            assertThat(second.text()).contains("sideeye-desktop: already running; brought its window forward");
            await().atMost(Duration.ofSeconds(10)).until(() -> app.printed("Another launch asked for the window: brought it forward"));
            assertThat(app.process.descendants().filter(p -> p.info().command().orElse("").contains("python")).count())
                    .as("one backend").isEqualTo(1);

            Signals.trySend(app.process.pid(), "TERM"); // as at logout
            assertThat(app.waitFor(Duration.ofSeconds(60))).as(app::text).isZero();
            assertThat(app.printed("Backend stopped; exiting")).isTrue();
            assertThat(Liveness.running(backend)).isFalse();
            assertThat(home.resolve(".local/share/sideeye-desktop/logs/backend.log")).content().contains("Backend running: pid " + backend);
        }
    }

    @Test
    void afterASigkillOfTheAppItsBackendStopsByItself() throws Exception {
        try (Xvfb x = Xvfb.start(Files.createDirectories(home.resolve("x")));
             PackagedApp app = PackagedApp.start(PackagedApp.command(launcher, home, Map.of("DISPLAY", x.display())))) {
            long backend = app.awaitBackend();
            Signals.trySend(app.process.pid(), "KILL");
            await().atMost(Duration.ofSeconds(20)).until(() -> !Liveness.running(backend));
        }
    }

    /** A python3 that cannot see Debian's Django: it runs without site-packages. */
    private Path fakePythonWithoutDjango() throws IOException {
        Path python = home.resolve("bin/python-without-django");
        Files.createDirectories(python.getParent());
        Files.writeString(python, "#!/bin/sh\nexec /usr/bin/python3 -S \"$@\"\n");
        Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwxr-xr-x"));
        return python;
    }

    /** Waits until the window has painted (many colours on screen, the same twice running). */
    static BufferedImage awaitPainted(Xvfb x) throws IOException {
        BufferedImage[] last = {x.screenshot()};
        int[] colours = {Screenshots.distinctColours(last[0])};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            BufferedImage now = x.screenshot();
            int count = Screenshots.distinctColours(now);
            boolean stable = count > 20 && count == colours[0];
            last[0] = now;
            colours[0] = count;
            return stable;
        });
        return last[0];
    }
}
