package io.sideeye.desktop.install;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where an installed app keeps what: the read-only app folder (with the bundled backend) and the
 * user's writable folders, chosen the XDG way. Present only when the app runs from its packaged
 * launcher, which passes the app folder as {@value #HOME_PROPERTY}; from a checkout the app keeps
 * its usual defaults.
 *
 * @param home       the app folder ({@code lib/app} of the install tree): jars, JavaFX, backend
 * @param dataDir    {@code ${XDG_DATA_HOME:-~/.local/share}/sideeye-desktop}: the database and logs
 * @param runtimeDir {@code $XDG_RUNTIME_DIR/sideeye-desktop}, else a per-user folder in the temp
 *                   folder: the single-instance lock and socket
 */
public record Installation(Path home, Path dataDir, Path runtimeDir) {
    /** The system property the packaged launcher sets to the app folder. */
    public static final String HOME_PROPERTY = "sideeye.desktop.home";
    /** The folder name under each XDG base folder. */
    public static final String APP_NAME = "sideeye-desktop";

    /** The installation the app runs from, or empty when it is not the packaged app. */
    public static Optional<Installation> current() {
        String home = System.getProperty(HOME_PROPERTY, "");
        if (home.isBlank()) {
            return Optional.empty();
        }
        // $HOME as the XDG spec says (Java's user.home comes from the password database instead)
        String userHome = System.getenv().getOrDefault("HOME", "");
        return Optional.of(of(Path.of(home), System.getenv(),
                Path.of(userHome.isBlank() ? System.getProperty("user.home") : userHome),
                System.getProperty("java.io.tmpdir"), System.getProperty("user.name")));
    }

    /**
     * The folders for an app folder {@code home} under the environment {@code env} (XDG variables
     * that are unset, empty or relative are ignored, as the XDG spec says).
     */
    public static Installation of(Path home, Map<String, String> env, Path userHome, String tmpDir, String user) {
        Path data = xdg(env, "XDG_DATA_HOME", userHome.resolve(".local").resolve("share"));
        Path fallback = Path.of(tmpDir).resolve(APP_NAME + "-" + user);
        Path runtime = xdg(env, "XDG_RUNTIME_DIR", null) == null ? fallback : xdg(env, "XDG_RUNTIME_DIR", null).resolve(APP_NAME);
        return new Installation(home.toAbsolutePath().normalize(), data.resolve(APP_NAME), runtime);
    }

    /** The bundled Django project. */
    public Path backend() {
        return home.resolve("backend");
    }

    /** Where the app writes its log files. */
    public Path logsDir() {
        return dataDir.resolve("logs");
    }

    /**
     * The backend's environment for this installation: its database under {@link #dataDir()},
     * and no byte-code written next to the bundled sources, so that nothing is written into the
     * install tree. (A byte-code cache elsewhere, {@code PYTHONPYCACHEPREFIX}, would also make
     * Python ignore the byte-code the distribution compiled for Django and the standard library:
     * a start several times slower.) Variables the user has set already ({@code env}) are left alone.
     */
    public Map<String, String> backendEnvironment(Map<String, String> env) {
        Map<String, String> vars = new LinkedHashMap<>();
        if (env.getOrDefault("SIDEEYE_DATA_DIR", "").isBlank()) {
            vars.put("SIDEEYE_DATA_DIR", dataDir.resolve("data").toString());
        }
        if (env.getOrDefault("PYTHONDONTWRITEBYTECODE", "").isBlank()) {
            vars.put("PYTHONDONTWRITEBYTECODE", "1");
        }
        return vars;
    }

    private static Path xdg(Map<String, String> env, String name, Path fallback) {
        String value = env.getOrDefault(name, "").trim();
        return !value.isEmpty() && Path.of(value).isAbsolute() ? Path.of(value) : fallback;
    }
}
