package io.sideeye.cli.init;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The modules of a project folder that look like Django settings: {@code <package>/settings.py}
 * or a {@code <package>/settings/} package, two package levels deep at most. Virtualenvs and
 * hidden folders are not searched.
 */
final class SettingsCandidates {
    private static final int MAX_DEPTH = 3;

    private SettingsCandidates() {
    }

    /** The candidate modules, e.g. {@code mysite.settings}, in path order. */
    static List<String> scan(Path projectDir) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(projectDir, MAX_DEPTH)) {
            paths.filter(p -> !p.equals(projectDir) && isSettings(p) && !skipped(projectDir, p)).sorted()
                    .forEach(p -> found.add(moduleOf(projectDir, p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** The file a settings module is read from: {@code a/b.py} or {@code a/b/__init__.py}. */
    static Path fileOf(Path projectDir, String module) {
        Path base = projectDir.resolve(module.replace('.', '/'));
        Path pkg = base.resolve("__init__.py");
        return Files.isRegularFile(pkg) ? pkg : base.resolveSibling(base.getFileName() + ".py");
    }

    private static boolean isSettings(Path p) {
        String name = p.getFileName().toString();
        if (name.equals("settings.py") && Files.isRegularFile(p)) {
            return Files.isRegularFile(p.resolveSibling("__init__.py"));
        }
        return name.equals("settings") && Files.isRegularFile(p.resolve("__init__.py"))
                && Files.isRegularFile(p.resolveSibling("__init__.py"));
    }

    private static boolean skipped(Path projectDir, Path p) {
        for (Path dir = p.getParent(); dir != null && !dir.equals(projectDir); dir = dir.getParent()) {
            String name = dir.getFileName().toString();
            if (name.startsWith(".") || name.equals("node_modules") || Files.isRegularFile(dir.resolve("pyvenv.cfg"))) {
                return true;
            }
        }
        return false;
    }

    private static String moduleOf(Path projectDir, Path p) {
        String relative = projectDir.relativize(p).toString().replace('\\', '/');
        return (relative.endsWith(".py") ? relative.substring(0, relative.length() - 3) : relative).replace('/', '.');
    }
}
