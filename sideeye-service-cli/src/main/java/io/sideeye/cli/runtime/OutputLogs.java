package io.sideeye.cli.runtime;

import io.sideeye.config.ConfigSource;
import io.sideeye.config.ResolvedGroup;
import io.sideeye.service.ServiceSpec;
import io.sideeye.service.process.LogFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Where {@code sideeye run} writes each service's output unless the configuration says
 * otherwise, and how {@code sideeye logs} reads it back when no run is active: one file per
 * instance, {@code $XDG_STATE_HOME/sideeye/logs/<folder>-<hash>/<instance>.log}
 * ({@code ~/.local/state} without {@code XDG_STATE_HOME}), where {@code <folder>} is the folder of the
 * configuration file (or the working folder without one) and {@code <hash>} tells folders of the
 * same name apart. Rotated files sit beside it ({@code web.log.1}, ...).
 */
public final class OutputLogs {
    /** One line read back. */
    public record Line(Instant timestamp, String stream, String text, int instance) {
    }

    private OutputLogs() {
    }

    /** The folder of the default log files of the configuration resolved from {@code group}. */
    public static Path defaultDir(Map<String, String> env, ResolvedGroup group, Path workingDir) {
        String state = env.get("XDG_STATE_HOME");
        Path base = state != null && !state.isBlank() && Path.of(state).isAbsolute() ? Path.of(state)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".local", "state");
        Path folder = (group.file() != null ? group.file().toAbsolutePath().getParent() : workingDir.toAbsolutePath())
                .normalize();
        String name = folder.getFileName() == null ? "root" : folder.getFileName().toString();
        return base.resolve("sideeye").resolve("logs").resolve(safe(name) + "-" + hash(folder.toString()));
    }

    /**
     * {@code name} with every character (code point) but {@code A-Z a-z 0-9 . _ -} replaced by
     * {@code _}, as {@code replaceAll("[^A-Za-z0-9._-]", "_")} does, without a regex at every start.
     */
    static String safe(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            boolean kept = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '_' || c == '-';
            out.append(kept ? (char) c : '_');
            i += Character.charCount(c);
        }
        return out.toString();
    }

    /**
     * {@code group} with the default log file given to every service whose configuration did
     * not set {@code logFile} (set to {@code null}, it stays off).
     */
    public static ResolvedGroup withDefaults(ResolvedGroup group, Path dir) {
        List<ServiceSpec> services = new ArrayList<>();
        for (ServiceSpec spec : group.services()) {
            boolean given = group.sourceOf(spec.name(), "logFile").kind() != ConfigSource.Kind.DEFAULT;
            services.add(given || spec.config().attached() ? spec : new ServiceSpec(spec.name(),
                    spec.config().toBuilder().logFile(dir.resolve("{name}.log")).config(), spec.after(),
                    spec.instances()));
        }
        return new ResolvedGroup(services, group.defaultService(), group.sources(), group.declared(), group.file(),
                group.profile(), group.warnings());
    }

    /** The files of {@code spec}'s instances (rotated ones not included), instance 1 first; empty when off. */
    public static List<Path> files(ServiceSpec spec) {
        Path pattern = spec.config().logFile();
        if (pattern == null) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        for (int n = 1; n <= spec.instances(); n++) {
            String instance = spec.instances() == 1 ? spec.name() : spec.name() + "#" + n;
            files.add(LogFile.resolve(pattern, instance).toAbsolutePath().normalize());
        }
        return files;
    }

    /**
     * The last {@code count} lines of the instances' files (reaching into rotated ones when the
     * current file has fewer), merged in time order.
     */
    public static List<Line> tail(List<Path> files, int count) throws IOException {
        List<Line> all = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            all.addAll(tailOf(files.get(i), count, i + 1));
        }
        all.sort(Comparator.comparing(Line::timestamp));
        return all.subList(Math.max(0, all.size() - count), all.size());
    }

    private static List<Line> tailOf(Path file, int count, int instance) throws IOException {
        Deque<Line> lines = new ArrayDeque<>();
        List<Path> chain = new ArrayList<>(List.of(file));
        for (int n = 1; Files.exists(file.resolveSibling(file.getFileName() + "." + n)); n++) {
            chain.add(file.resolveSibling(file.getFileName() + "." + n));
        }
        for (Path f : chain) { // newest first
            if (!Files.exists(f)) {
                continue;
            }
            List<String> text = Files.readAllLines(f, StandardCharsets.UTF_8);
            for (int i = text.size() - 1; i >= 0 && lines.size() < count; i--) {
                Line line = parse(text.get(i), instance);
                if (line != null) {
                    lines.addFirst(line);
                }
            }
            if (lines.size() >= count) {
                break;
            }
        }
        return new ArrayList<>(lines);
    }

    /** A line as {@link LogFile} writes it, or null for one that is not. */
    static Line parse(String raw, int instance) {
        int first = raw.indexOf(' ');
        int second = first < 0 ? -1 : raw.indexOf(' ', first + 1);
        if (second < 0) {
            return null;
        }
        String stream = raw.substring(first + 1, second);
        if (!stream.equals("stdout") && !stream.equals("stderr")) {
            return null;
        }
        try {
            return new Line(Instant.parse(raw.substring(0, first)), stream, raw.substring(second + 1), instance);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
