package io.sideeye.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sideeye.cli.Cli;
import io.sideeye.cli.ExitCodes;
import io.sideeye.testsupport.ReferenceBackend;
import io.sideeye.testsupport.Repository;
import io.sideeye.testsupport.RequiresReferenceBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sideeye export} of the bundled backend, resolved as the manager resolves it (its
 * {@code .venv}, waitress): the files equal the golden files in {@code src/test/resources/export}
 * (with the project's folder written {@code {project}}), and systemd itself accepts the units.
 * Run with {@code -Dsideeye.updateGoldens=true} to rewrite the golden files after a deliberate change.
 */
@RequiresReferenceBackend
class ExportIT {
    private static final Path GOLDEN = Path.of("src/test/resources/export");
    private static final String SIDEEYE = "/usr/local/bin/sideeye";
    /** systemd before 254 does not know these keys and says so; the units mean them for newer versions. */
    private static final Pattern UNKNOWN_NEW_KEY = Pattern.compile(
            ".*/sideeye-[a-z0-9-]+\\.service:\\d+: Unknown key '(RestartSteps|RestartMaxDelaySec)' in section"
                    + " \\[Service\\], ignoring\\.");

    @TempDir
    Path dir;

    private Cli.Result export(String example, String... args) throws IOException {
        Files.copy(GOLDEN.resolve(example).resolve("sideeye.yaml"), dir.resolve("sideeye.yaml"));
        List<String> argv = new ArrayList<>(List.of("export"));
        argv.addAll(List.of(args));
        argv.addAll(List.of("--project", ReferenceBackend.PROJECT.toString()));
        return new Cli(dir).run(argv.toArray(String[]::new));
    }

    @Test
    void theBundledBackendAsSystemdUnitsMatchesTheGoldenFiles() throws IOException {
        Cli.Result r = export("backend", "systemd", "--sideeye", SIDEEYE, "--out", "out");

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("wrote " + dir.resolve("out/sideeye-web.service"),
                "systemctl enable --now sideeye-web.service");
        assertGolden("backend/systemd", dir.resolve("out"));
    }

    @Test
    void theBundledBackendForKubernetesMatchesTheGoldenFile() throws IOException {
        Cli.Result r = export("backend", "kubernetes", "--image", "registry.example.com/sideeye-backend:1.0",
                "--out", "out");

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("kubectl apply -f " + dir.resolve("out"));
        assertGolden("backend/kubernetes", dir.resolve("out"));
    }

    @Test
    void aGroupExportsWhatRunsHereAndLeavesOutWhatRunsElsewhere() throws IOException {
        Cli.Result r = export("group", "systemd", "--sideeye", SIDEEYE, "--out", "out");

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.err()).contains("sideeye: note: service api is left out: it is external (https://api.example.com)",
                "sideeye: note: service worker has port auto (0); exported on ports 8001, 8002");
        assertGolden("group/systemd", dir.resolve("out"));
        assertNoSecretIn(dir.resolve("out"), r);
    }

    @Test
    void aGroupForKubernetesMatchesTheGoldenFiles() throws IOException {
        Cli.Result r = export("group", "kubernetes", "--image", "registry.example.com/sideeye-backend:1.0",
                "--out", "out");

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertGolden("group/kubernetes", dir.resolve("out"));
        assertNoSecretIn(dir.resolve("out"), r);
    }

    @Test
    void withoutOutTheFilesArePrintedOneAfterAnother() throws IOException {
        Cli.Result r = export("backend", "systemd", "--sideeye", SIDEEYE);

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        String expected = String.join("\n", List.of(golden("backend/systemd/sideeye-web.service"),
                golden("backend/systemd/sideeye-web-health.service"), golden("backend/systemd/sideeye-web-health.timer")));
        assertThat(normalized(r.out())).isEqualTo(expected);
    }

    @Test
    void systemdAcceptsTheExportedUnits() throws Exception {
        assumeTrue(systemdAnalyze() != null, "systemd-analyze is not installed here");
        String sideeye = Repository.ROOT.resolve("sideeye").toString(); // verify wants executables that exist
        assertThat(export("backend", "systemd", "--sideeye", sideeye, "--out", "backend").code()).isZero();
        Files.delete(dir.resolve("sideeye.yaml"));
        assertThat(export("group", "systemd", "--sideeye", sideeye, "--out", "group").code()).isZero();

        verify(dir.resolve("backend"));
        verify(dir.resolve("group"));
    }

    @Test
    void systemdReadsEveryArgumentAndVariableAsWritten() throws Exception {
        assumeTrue(systemdAnalyze() != null, "systemd-analyze is not installed here");
        Files.writeString(dir.resolve("sideeye.yaml"), """
                port: 8000
                command: ["/usr/bin/python3", "-c", "print('a b')", "100%", "$HOME", "${USER}", "x;y", ";", "",
                          "say \\"hi\\"", "back\\\\slash", "tab\\there", "line\\nbreak", "ünïcode"]
                environment:
                  QUOTED: 'say "hi" at 100% of $HOME \\ here'
                """);
        Cli.Result r = new Cli(dir).run("export", "systemd", "--sideeye", Repository.ROOT.resolve("sideeye").toString(),
                "--out", "out");
        assertThat(r.code()).as(r.err()).isZero();

        verify(dir.resolve("out"));
    }

    @Test
    void sideeyeRunAsANotifyUnitIsAcceptedBySystemd() throws Exception {
        assumeTrue(systemdAnalyze() != null, "systemd-analyze is not installed here");
        Cli.Result r = export("group", "systemd", "--run", "--watchdog", "20s", "--sideeye",
                Repository.ROOT.resolve("sideeye").toString(), "--out", "out");

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("systemctl enable --now sideeye.service");
        try (Stream<Path> files = Files.list(dir.resolve("out"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("sideeye.service");
        }
        String unit = Files.readString(dir.resolve("out/sideeye.service"));
        assertThat(unit).contains("Type=notify\n", "WatchdogSec=20s\n", "run --config " + dir.resolve("sideeye.yaml"));
        verify(dir.resolve("out"));
    }

    @Test
    void theRunUnitNeedsAConfigurationFile() throws IOException {
        Cli.Result r = new Cli(dir).run("export", "systemd", "--run", "--sideeye", "/usr/local/bin/sideeye");

        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("sideeye: cannot export: --run: the unit runs 'sideeye run' with a configuration"
                + " file, and none is used here");
    }

    @Test
    void theJarNamesItselfInTheHealthUnitsAndSystemdFindsIt(@TempDir Path home) throws Exception {
        Files.copy(GOLDEN.resolve("backend/sideeye.yaml"), dir.resolve("sideeye.yaml"));
        CliProcess export = CliProcess.run(dir, home, Duration.ofMinutes(2), "export", "systemd", "--project",
                ReferenceBackend.PROJECT.toString(), "--out", "out");

        assertThat(export.exitCode()).as(export.stderr()).isEqualTo(ExitCodes.OK);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        assertThat(Files.readString(dir.resolve("out/sideeye-web-health.service"))).contains("ExecStart=" + java
                + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar " + CliProcess.JAR + " health --url");
        if (systemdAnalyze() != null) {
            verify(dir.resolve("out"));
        }
    }

    @Test
    void theScalingGuideShowsTheFilesTheCommandWrites() throws IOException {
        String guide = Files.readString(Repository.ROOT.resolve("docs/SCALING.md"));
        for (String file : List.of("backend/sideeye.yaml", "backend/systemd/sideeye-web.service",
                "backend/systemd/sideeye-web-health.service", "backend/systemd/sideeye-web-health.timer",
                "backend/kubernetes/sideeye-web.yaml")) {
            String text = golden(file).replace("{project}", "/srv/sideeye/backend");
            String shown = file.endsWith("sideeye.yaml") ? text.substring(text.indexOf('\n') + 1) : text;
            assertThat(guide).as("docs/SCALING.md shows %s", file).contains("\n" + shown + "```\n");
        }
    }

    private static void verify(Path units) throws Exception {
        List<String> argv = new ArrayList<>(List.of(systemdAnalyze(), "verify"));
        try (Stream<Path> files = Files.list(units)) {
            files.sorted().forEach(f -> argv.add(f.toString()));
        }
        Process p = new ProcessBuilder(argv).directory(units.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        int version = systemdVersion();
        List<String> complaints = output.lines().filter(line -> !line.isBlank())
                .filter(line -> version >= 254 || !UNKNOWN_NEW_KEY.matcher(line).matches()).toList();
        assertThat(complaints).as("systemd-analyze verify %s", units).isEmpty();
        assertThat(p.exitValue()).as(output).isZero();
    }

    private static String systemdAnalyze() {
        for (String candidate : List.of("/usr/bin/systemd-analyze", "/bin/systemd-analyze")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return null;
    }

    private static int systemdVersion() throws Exception {
        Process p = new ProcessBuilder(systemdAnalyze(), "--version").redirectErrorStream(true).start();
        String first = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst()
                .orElse("");
        p.waitFor(1, TimeUnit.MINUTES);
        Matcher m = Pattern.compile("systemd (\\d+)").matcher(first);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private void assertGolden(String example, Path out) throws IOException {
        Map<String, String> actual = new TreeMap<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.toList()) {
                actual.put(f.getFileName().toString(), normalized(Files.readString(f)));
            }
        }
        Path expectedDir = GOLDEN.resolve(example);
        if (Boolean.getBoolean("sideeye.updateGoldens")) {
            Files.createDirectories(expectedDir);
            for (Map.Entry<String, String> e : actual.entrySet()) {
                Files.writeString(expectedDir.resolve(e.getKey()), e.getValue());
            }
        }
        Map<String, String> expected = new TreeMap<>();
        try (Stream<Path> files = Files.list(expectedDir)) {
            for (Path f : files.toList()) {
                expected.put(f.getFileName().toString(), Files.readString(f));
            }
        }
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        actual.forEach((name, text) -> assertThat(text).as(example + "/" + name).isEqualTo(expected.get(name)));
    }

    private static String golden(String file) throws IOException {
        return Files.readString(GOLDEN.resolve(file));
    }

    private static String normalized(String text) {
        return text.replace(ReferenceBackend.PROJECT.toString(), "{project}");
    }

    private static void assertNoSecretIn(Path out, Cli.Result r) throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.toList()) {
                assertThat(Files.readString(f)).doesNotContain("never-in-an-exported-file");
            }
        }
        assertThat(r.out() + r.err()).doesNotContain("never-in-an-exported-file");
    }
}
