package io.sideeye.distribution;

import static io.sideeye.distribution.Installed.argv;
import static io.sideeye.distribution.Installed.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.distribution.Installed.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An install tree the user cannot write (a system-wide unpack, a read-only mount) and a cache
 * folder it cannot write either: every command still works, only without class-data archives,
 * and nothing is written into the tree. As root, the commands run as {@code nobody} (root writes
 * anywhere); otherwise the tree is made read-only for its owner.
 */
class ReadOnlyInstallIT {
    @TempDir
    static Path tmp;
    static Path installed;
    static Path sideeye;
    static Path home;
    static Path work;
    static Map<String, String> env;
    static boolean root;

    @BeforeAll
    static void install() throws Exception {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        installed = Installed.untar(Installed.ARCHIVE, Files.createDirectories(tmp.resolve("opt")));
        sideeye = installed.resolve("bin/sideeye");
        root = run(tmp, Map.of("PATH", "/usr/bin:/bin"), "id", "-u").out().trim().equals("0");
        try (Stream<Path> files = Files.walk(installed)) { // every file and folder: no write permission
            for (Path f : files.toList()) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(Files.isDirectory(f)
                        || Files.isExecutable(f) ? "r-xr-xr-x" : "r--r--r--"));
            }
        }
        home = everyoneMayWrite(tmp.resolve("home"));
        work = everyoneMayWrite(tmp.resolve("work"));
        Path tools = Installed.toolsWithout(tmp.resolve("tools"), name -> name.startsWith("mvn"));
        env = Installed.userEnv(home, tools);
        for (String folder : List.of(".cache", ".local", ".local/share", "run")) {
            everyoneMayWrite(home.resolve(folder));
        }
        Path cache = Files.createDirectories(tmp.resolve("readonly-cache"));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("r-xr-xr-x"));
        env.put("XDG_CACHE_HOME", cache.toString());
    }

    private static Path everyoneMayWrite(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        return dir;
    }

    /** {@code args} run by a user who may not write the tree: {@code nobody} when this is root. */
    private static Result asUser(String... args) throws Exception {
        List<String> argv = new ArrayList<>();
        if (root) {
            argv.addAll(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"));
        }
        argv.addAll(List.of(argv(sideeye, args)));
        return run(work, env, argv.toArray(String[]::new));
    }

    @Test
    void everyCommandWorksAndNothingIsWrittenIntoTheTree() throws Exception {
        assertThat(asUser("--version").code()).isZero();
        assertThat(asUser("--version").out()).startsWith("sideeye " + Installed.VERSION);

        Result status = asUser("status");
        assertThat(status.code()).as(status.all()).isEqualTo(3); // no run: the command's own answer
        assertThat(status.err()).contains("no running 'sideeye run' found");

        Result selftest = asUser("selftest", "--project", installed.resolve("backend").toString(), "--port", "auto",
                "--python", Installed.python());
        assertThat(selftest.code()).as(selftest.all()).isZero();
        assertThat(selftest.err()).doesNotContain("class-data archive", "Permission denied", "Read-only");
        assertThat(home.resolve(".local/share/sideeye/backend/sideeye.sqlite3")).isRegularFile();

        try (Stream<Path> files = Files.walk(installed)) {
            assertThat(files.map(installed::relativize).map(Path::toString))
                    .noneMatch(f -> f.startsWith("backend/data") || f.contains("__pycache__") || f.endsWith(".jsa"));
        }
        try (Stream<Path> files = Files.list(tmp.resolve("readonly-cache"))) {
            assertThat(files).isEmpty();
        }
    }
}
