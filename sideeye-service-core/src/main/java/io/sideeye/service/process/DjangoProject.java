package io.sideeye.service.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What can be read from a Django project folder without running it: where {@code manage.py}
 * is, the settings module it names, and the WSGI or ASGI application beside the settings.
 */
final class DjangoProject {
    /** {@code os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'x.settings')} or {@code os.environ['...'] = '...'}. */
    private static final Pattern SETTINGS = Pattern.compile(
            "os\\.environ(?:\\.setdefault\\(\\s*|\\[\\s*)(['\"])DJANGO_SETTINGS_MODULE\\1\\s*(?:,|\\]\\s*=)\\s*"
                    + "(['\"])([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)\\2");

    private final Path dir;

    DjangoProject(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The project's {@code manage.py} (which may not exist). */
    Path managePy() {
        return dir.resolve("manage.py");
    }

    /** {@code manage.py}, or an error naming the path when it is missing. */
    Path requireManagePy(String why) throws CommandResolutionException {
        Path managePy = managePy();
        if (!Files.isRegularFile(managePy)) {
            throw new CommandResolutionException(why + " needs " + managePy + ", which does not exist; set projectDir to"
                    + " the folder that contains manage.py");
        }
        return managePy;
    }

    /** The settings module {@code manage.py} sets, if it exists and names one. */
    Optional<String> settingsFromManagePy() throws CommandResolutionException {
        Path managePy = managePy();
        if (!Files.isRegularFile(managePy)) {
            return Optional.empty();
        }
        try {
            return settingsIn(Files.readString(managePy, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CommandResolutionException("cannot read " + managePy + " to find DJANGO_SETTINGS_MODULE: " + e
                    + "; make it readable or set settingsModule");
        }
    }

    /** The settings module a {@code manage.py} text sets, if any. */
    static Optional<String> settingsIn(String managePy) {
        Matcher m = SETTINGS.matcher(managePy);
        return m.find() ? Optional.of(m.group(3)) : Optional.empty();
    }

    /**
     * The application {@code <package>.<kind>:application} for a settings module: the nearest
     * package enclosing the settings that has a {@code <kind>.py} in the project folder (so
     * {@code config.settings.production} finds {@code config/wsgi.py}), else the settings'
     * own package.
     *
     * @param kind {@code wsgi} or {@code asgi}
     */
    String applicationFor(String settingsModule, String kind) {
        String[] parts = settingsModule.split("\\.");
        for (int length = parts.length - 1; length >= 1; length--) {
            String pkg = String.join(".", Arrays.copyOf(parts, length));
            if (Files.isRegularFile(dir.resolve(pkg.replace('.', '/')).resolve(kind + ".py"))) {
                return pkg + "." + kind + ":application";
            }
        }
        int lastDot = settingsModule.lastIndexOf('.');
        return (lastDot < 0 ? "" : settingsModule.substring(0, lastDot) + ".") + kind + ":application";
    }
}
