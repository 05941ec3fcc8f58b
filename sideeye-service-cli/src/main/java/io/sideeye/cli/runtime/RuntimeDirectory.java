package io.sideeye.cli.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sideeye.cli.output.InstantText;
import io.sideeye.service.time.IsoInstant;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The user-only folder where each {@code sideeye run} keeps its {@link RuntimeInfo}
 * ({@code cli-<pid>.json}, mode 0600, folder 0700): {@code $XDG_RUNTIME_DIR/sideeye}, else
 * {@code ~/.cache/sideeye}. Files of processes that are gone are stale and removed on sight.
 */
public final class RuntimeDirectory {
    private static final String PREFIX = "cli-";
    private static final String SUFFIX = ".json";
    private static final JsonFactory JSON = new JsonFactory();
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path dir;

    /** A directory at {@code dir} (created when first written). */
    public RuntimeDirectory(Path dir) {
        this.dir = dir;
    }

    /** The directory for this user: {@code $XDG_RUNTIME_DIR/sideeye}, else {@code ~/.cache/sideeye}. */
    public static RuntimeDirectory forUser(Map<String, String> env) {
        String xdg = env.get("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isBlank() && Files.isDirectory(Path.of(xdg))) {
            return new RuntimeDirectory(Path.of(xdg, "sideeye"));
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return new RuntimeDirectory(Path.of(home, ".cache", "sideeye"));
    }

    /** The folder. */
    public Path path() {
        return dir;
    }

    /** Writes the file of the run {@code info.pid()} atomically, readable by the owner only. */
    public Path write(RuntimeInfo info) {
        try {
            ensureDir();
            Path target = dir.resolve(PREFIX + info.pid() + SUFFIX);
            Path temp = POSIX
                    ? Files.createTempFile(dir, PREFIX, ".tmp", PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, PREFIX, ".tmp");
            try {
                Files.write(temp, toJson(info));
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the runtime file in " + dir + ": " + e.getMessage()
                    + "; make sure the folder is writable by this user", e);
        }
    }

    /** Removes the file of run {@code pid}, if any. */
    public void delete(long pid) {
        try {
            Files.deleteIfExists(dir.resolve(PREFIX + pid + SUFFIX));
        } catch (IOException e) {
            // nothing more to do: a leftover file is detected as stale by the next reader
        }
    }

    /**
     * The runs that are alive, oldest first. Files of runs that are gone (or that cannot be
     * read) are removed, and {@code onStale} is told about each.
     */
    public List<RuntimeInfo> live(Consumer<String> onStale) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<RuntimeInfo> alive = new ArrayList<>();
        List<Path> files = new ArrayList<>(); // not Files.list: a stream pipeline at every start is many classes
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path file : entries) {
                if (isRuntimeFile(file)) {
                    files.add(file);
                }
            }
            Collections.sort(files);
            for (Path file : files) {
                Optional<RuntimeInfo> info = read(file);
                if (info.isPresent() && isAlive(info.get())) {
                    alive.add(info.get());
                } else {
                    Files.deleteIfExists(file);
                    onStale.accept(info.map(i -> "removed stale runtime file " + file + " (sideeye run pid " + i.pid()
                            + " is no longer running)").orElse("removed unreadable runtime file " + file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        alive.sort(java.util.Comparator.comparing(RuntimeInfo::startedAt));
        return alive;
    }

    /** The start time of process {@code pid} as the OS reports it, if known. */
    public static Instant processStart(long pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().startInstant()).orElse(null);
    }

    private Optional<RuntimeInfo> read(Path file) {
        try {
            return Optional.of(fromJson(Files.readAllBytes(file)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The record as a JSON object with the record's field names, instants as ISO-8601 strings.
     * Written and read with Jackson's streaming API, not its data binding: {@code sideeye run}
     * writes this file at every start, and the data binding would load some 600 classes for it
     * that the run has no other use for (docs/BENCHMARKS.md, section {@code daemons}).
     */
    static byte[] toJson(RuntimeInfo info) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("pid", info.pid());
            g.writeStringField("processStart", info.processStart() == null ? null : IsoInstant.format(info.processStart()));
            g.writeNumberField("port", info.port());
            g.writeStringField("token", info.token());
            g.writeStringField("startedAt", info.startedAt() == null ? null : IsoInstant.format(info.startedAt()));
            g.writeStringField("config", info.config());
            g.writeStringField("projectDir", info.projectDir());
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    /** The record of {@link #toJson}; fields it does not know are skipped. */
    static RuntimeInfo fromJson(byte[] bytes) throws IOException {
        Map<String, String> text = new HashMap<>();
        long pid = -1;
        int port = -1;
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.getCurrentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "pid" -> pid = p.getLongValue();
                    case "port" -> port = p.getIntValue();
                    default -> {
                        if (value == JsonToken.VALUE_STRING) {
                            text.put(name, p.getText());
                        }
                        p.skipChildren();
                    }
                }
            }
        }
        if (pid < 0 || port < 0 || text.get("token") == null) {
            throw new IOException("no pid, port or token");
        }
        return new RuntimeInfo(pid, instant(text.get("processStart")), port, text.get("token"),
                instant(text.get("startedAt")), text.get("config"), text.get("projectDir"));
    }

    private static Instant instant(String value) {
        return value == null ? null : InstantText.parse(value);
    }

    private static boolean isAlive(RuntimeInfo info) {
        Optional<ProcessHandle> handle = ProcessHandle.of(info.pid());
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return false;
        }
        return info.processStart() == null || Objects.equals(info.processStart(), processStart(info.pid()));
    }

    private static boolean isRuntimeFile(Path p) {
        String name = p.getFileName().toString();
        return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
    }

    private void ensureDir() throws IOException {
        if (POSIX) {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } else {
            Files.createDirectories(dir);
        }
    }
}
