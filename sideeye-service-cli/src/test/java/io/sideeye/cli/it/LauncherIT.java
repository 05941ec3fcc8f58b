package io.sideeye.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code sideeye} launcher script at the repository root, run as a user runs it (with this
 * test's Java as {@code JAVA_HOME}): the JVM options it ships, the user's own options after
 * them, and its class-data archive.
 */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("..", "sideeye").toAbsolutePath().normalize();
    private static final Pattern ARCHIVE_FLAG = Pattern.compile("ccstr SharedArchiveFile += (\\S+)");

    @TempDir
    Path dir;

    @Test
    void startsTheJvmWithTheShippedOptionsAndTheUsersOwnAfterThem() throws Exception {
        Run run = launch(Map.of("SIDEEYE_NO_CDS", "1", "SIDEEYE_JAVA_OPTS", "-XX:+PrintFlagsFinal -Xss1m"), "--version");

        assertThat(run.exit).as(run.err).isZero();
        assertThat(run.out).contains("sideeye 0.1.0", "Java " + System.getProperty("java.version"));
        assertThat(flag(run.out, "UseSerialGC")).isEqualTo("true");
        assertThat(flag(run.out, "TieredStopAtLevel")).isEqualTo("1");
        assertThat(flag(run.out, "CompileThresholdScaling")).isEqualTo("0.010000");
        assertThat(flag(run.out, "ThreadStackSize")).as("-Xss1m given after the shipped -Xss512k").isEqualTo("1024");
        assertThat(flag(run.out, "TrimNativeHeapInterval"))
                .as("the native-heap trim, where this Java (%s) has it", Runtime.version())
                .isEqualTo(javaHasNativeTrim() ? "5000" : null);
    }

    @Test
    void aMisspeltJvmOptionStopsTheStartAndIsNamed() throws Exception {
        Run run = launch(Map.of("SIDEEYE_NO_CDS", "1", "SIDEEYE_JAVA_OPTS", "-XX:MaxRAMPercentag=50"), "--version");

        assertThat(run.exit).isNotZero();
        assertThat(run.err).contains("Unrecognized VM option 'MaxRAMPercentag=50'");
        assertThat(run.out).doesNotContain("sideeye 0.1.0");
    }

    @Test
    void writesAClassDataArchiveOnceAndEveryLaterStartMapsIt() throws Exception {
        launch(Map.of(), "--version"); // writes the archive unless an earlier start did

        // -Xshare:on (after the launcher's -Xshare:auto) makes a JVM that cannot map its archive fail
        Run run = launch(Map.of("SIDEEYE_JAVA_OPTS", "-Xshare:on -XX:+PrintFlagsFinal"), "--version");

        assertThat(run.exit).as(run.err).isZero();
        assertThat(run.err).doesNotContain("writing a class-data archive");
        Matcher archive = ARCHIVE_FLAG.matcher(run.out);
        assertThat(archive.find()).as("SharedArchiveFile is set").isTrue();
        assertThat(Path.of(archive.group(1))).isRegularFile()
                .startsWith(Path.of("target", "jvm").toAbsolutePath());
    }

    @Test
    void runLoadsNoCommandLineParserButItsHelpDoes() throws Exception {
        // the training run's configuration: a backend that is this Java's -version, so the run ends by itself
        Files.writeString(dir.resolve("sideeye.yaml"), "command: [\"" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "\", \"-version\"]\nport: 0\nshutdownTimeout: 2s\n");
        Path classes = dir.resolve("classes.log");
        String log = "-Xlog:class+load=info:file=" + classes;

        Run run = launch(Map.of("SIDEEYE_NO_CDS", "1", "SIDEEYE_JAVA_OPTS", log), "run", "--no-log-file");

        assertThat(run.out).as(run.err).contains("starting", "configuration: ");
        assertThat(Files.readString(classes)).contains("io.sideeye.cli.command.RunShortcut ", "io.sideeye.cli.command.RunCommand ")
                .doesNotContain("picocli.", "io.sideeye.cli.FullParser ");

        Run help = launch(Map.of("SIDEEYE_NO_CDS", "1", "SIDEEYE_JAVA_OPTS", log), "run", "--help");

        assertThat(help.out).contains("Usage: sideeye run");
        assertThat(Files.readString(classes)).contains("picocli.CommandLine ");
    }

    /** Whether this Java knows -XX:TrimNativeHeapInterval: 17.0.9 and later updates, 21.0.1 and later, 22 on. */
    private static boolean javaHasNativeTrim() {
        Runtime.Version v = Runtime.version();
        return switch (v.feature()) {
            case 17 -> v.update() >= 9;
            case 18, 19, 20 -> false;
            case 21 -> v.update() >= 1;
            default -> v.feature() > 21;
        };
    }

    /** The value of {@code name} in -XX:+PrintFlagsFinal output, or null when the JVM has no such flag. */
    private static String flag(String flags, String name) {
        Matcher m = Pattern.compile("^\\s*\\S+ " + name + " += (\\S+)", Pattern.MULTILINE).matcher(flags);
        return m.find() ? m.group(1) : null;
    }

    private Run launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(LAUNCHER.toString()));
        argv.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("SIDEEYE_"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        Process p = builder.start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(argv + " did not end within 2 minutes");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Run(int exit, String out, String err) {
    }
}
