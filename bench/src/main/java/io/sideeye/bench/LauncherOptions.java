package io.sideeye.bench;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The JVM options of the CLI launcher, as {@code bench/run} started this harness with them: the
 * options file {@code sideeye-service-cli/jvm.options} and, where the Java has it, the native-heap
 * trim, decided as the launcher decides it. Class-data archive options are left out: each section
 * that measures a JVM gives it the archive it needs.
 */
final class LauncherOptions {
    private LauncherOptions() {
    }

    /** The options this JVM was started with, without its class-data archive. */
    static List<String> ofThisJvm() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(f -> !f.startsWith("-XX:SharedArchiveFile") && !f.startsWith("-XX:ArchiveClassesAtExit"))
                .toList();
    }
}
