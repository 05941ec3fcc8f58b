package io.sideeye.cli.export;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;

/**
 * The argv that runs the {@code sideeye} command from a unit: a given absolute path, else the
 * installed launcher this command was started by (its {@code bin/sideeye} or
 * {@code /usr/bin/sideeye}, which it names in the system property {@value #LAUNCHER}), else this
 * Java running this jar, with the options that make a short-lived JVM cheap to start.
 */
final class SideeyeCommand {
    /** The system property in which an installed launcher gives its own absolute path. */
    static final String LAUNCHER = "sideeye.launcher";

    private SideeyeCommand() {
    }

    /**
     * @param given the {@code --sideeye} value, or null
     * @throws ExportException when the given path is not absolute, or when none is given and this
     *                         command does not run from a jar
     */
    static List<String> of(String given) {
        if (given != null) {
            if (!given.startsWith("/")) {
                throw new ExportException("--sideeye: '" + given + "' is not an absolute path; give the full path"
                        + " of the sideeye command the units should run, e.g. /usr/local/bin/sideeye");
            }
            return List.of(given);
        }
        String launcher = System.getProperty(LAUNCHER, "");
        if (launcher.startsWith("/") && Files.isExecutable(Path.of(launcher))) {
            return List.of(launcher);
        }
        Path jar = runningJar();
        if (jar == null) {
            throw new ExportException("the health units run the sideeye command, but this sideeye does not run"
                    + " from its jar; pass --sideeye with the full path of the sideeye command, e.g."
                    + " --sideeye /usr/local/bin/sideeye");
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString());
    }

    private static Path runningJar() {
        CodeSource source = SideeyeCommand.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            Path location = Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
            return Files.isRegularFile(location) && location.toString().endsWith(".jar") ? location : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
