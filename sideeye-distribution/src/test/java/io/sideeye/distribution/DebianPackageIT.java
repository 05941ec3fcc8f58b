package io.sideeye.distribution;

import static io.sideeye.distribution.Installed.argv;
import static io.sideeye.distribution.Installed.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.distribution.Installed.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sideeye_VERSION_all.deb}: its control fields as {@code dpkg-deb -I} reads them, and its
 * files extracted into a temporary root ({@code dpkg -x}), where {@code /usr/bin/sideeye} runs.
 */
class DebianPackageIT {
    private static final Map<String, String> SYSTEM = Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8");

    @TempDir
    static Path tmp;
    static Path fsRoot;
    static Path sideeye;
    static Path home;
    static Path work;
    static Map<String, String> env;

    @BeforeAll
    static void extract() throws Exception {
        fsRoot = Files.createDirectories(tmp.resolve("root"));
        Result x = run(tmp, SYSTEM, "dpkg", "-x", Installed.DEB.toString(), fsRoot.toString());
        assertThat(x.code()).as(x.all()).isZero();
        sideeye = fsRoot.resolve("usr/bin/sideeye");
        home = Files.createDirectories(tmp.resolve("home"));
        work = Files.createDirectories(tmp.resolve("work"));
        env = Installed.userEnv(home, Installed.toolsWithout(tmp.resolve("tools"), name -> name.startsWith("mvn")));
    }

    private static String field(String name) throws Exception {
        Result r = run(tmp, SYSTEM, "dpkg-deb", "-f", Installed.DEB.toString(), name);
        assertThat(r.code()).as(r.all()).isZero();
        return r.out().trim();
    }

    @Test
    void controlFields() throws Exception {
        assertThat(field("Package")).isEqualTo("sideeye");
        assertThat(field("Version")).isEqualTo(Installed.VERSION.replace('-', '~'));
        assertThat(field("Architecture")).isEqualTo("all");
        assertThat(field("Depends")).isEqualTo("default-jre-headless (>= 2:1.17) | java17-runtime-headless, python3");
        assertThat(field("Recommends")).isEqualTo("python3-django, python3-waitress");
        assertThat(field("Maintainer")).isNotBlank();

        Result info = run(tmp, SYSTEM, "dpkg-deb", "-I", Installed.DEB.toString());
        assertThat(info.code()).as(info.all()).isZero();
        // the one maintainer script: prerm removes the bytecode Python may have left next to the backend
        assertThat(info.out()).contains(" control ").containsPattern(" prerm +#!/bin/sh")
                .doesNotContain(" postinst ", " preinst ", " postrm ");
    }

    @Test
    void filesAreWhereADebianUserLooksForThem() throws Exception {
        assertThat(Files.isSymbolicLink(sideeye)).isTrue();
        assertThat(Files.readSymbolicLink(sideeye)).isEqualTo(Path.of("../share/sideeye/bin/sideeye"));
        assertThat(fsRoot.resolve("usr/share/sideeye/lib/sideeye-service-cli-" + Installed.VERSION + ".jar")).isRegularFile();
        assertThat(fsRoot.resolve("usr/share/sideeye/backend/manage.py")).isRegularFile();
        assertThat(fsRoot.resolve("usr/share/bash-completion/completions/sideeye")).isRegularFile();
        assertThat(Files.readString(fsRoot.resolve("usr/share/doc/sideeye/copyright"))).contains("Apache License");
        Result contents = run(tmp, SYSTEM, "dpkg-deb", "-c", Installed.DEB.toString());
        assertThat(contents.out().lines()).allMatch(l -> l.contains(" root/root "), "every file is owned by root");
        assertThat(contents.out()).containsPattern("-rwxr-xr-x root/root +\\d+ .* \\./usr/share/sideeye/bin/sideeye");
    }

    @Test
    void theInstalledCommandRunsVersionAndSelftest() throws Exception {
        Result version = run(work, env, argv(sideeye, "--version"));
        assertThat(version.code()).as(version.all()).isZero();
        assertThat(version.out()).startsWith("sideeye " + Installed.VERSION + "\n");

        Result selftest = run(work, env, argv(sideeye, "selftest", "--project",
                fsRoot.resolve("usr/share/sideeye/backend").toString(), "--port", "auto", "--python", Installed.python()));
        assertThat(selftest.code()).as(selftest.all()).isZero();
        assertThat(selftest.out()).containsPattern("✔ health check +\\d+ ms  HTTP 200");
    }

    @Test
    void exportedUnitsRunUsrBinSideeye() throws Exception {
        Path dir = Files.createDirectories(work.resolve("export"));
        Files.writeString(dir.resolve("sideeye.yaml"), "projectDir: " + fsRoot.resolve("usr/share/sideeye/backend")
                + "\nport: 8000\npython: " + Installed.python() + "\n");
        Result export = run(dir, env, argv(sideeye, "export", "systemd", "--out", "units"));
        assertThat(export.code()).as(export.all()).isZero();
        // the path it was called by: /usr/bin/sideeye once installed (here under the temporary root)
        assertThat(Files.readString(dir.resolve("units/sideeye-web-health.service")))
                .contains("ExecStart=" + sideeye + " health --url");
    }
}
