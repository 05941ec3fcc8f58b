package io.sideeye.service.process;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import io.sideeye.service.time.IsoInstant;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The child's output appended to a file, rotated by size: when the next line would take the file
 * past {@code maxSize}, {@code file} becomes {@code file.1}, {@code file.1} becomes
 * {@code file.2} and so on, the oldest beyond {@code maxFiles} is deleted, and a new
 * {@code file} is started (as supervisord's {@code stdout_logfile_maxbytes} and
 * {@code stdout_logfile_backups} do). Each line is written as
 * {@code <ISO-8601 instant> <stdout|stderr> <text>}.
 *
 * <p>It is written on the thread that drains the child's pipe, before the line is published:
 * a line is on disk (in the page cache) before anyone can see it, and none is dropped however
 * fast the child writes; a slow disk slows the child down through its pipe instead. New files
 * and folders are the user's only (0600 / 0700). An error (disk full, folder removed) is logged
 * once and the output goes on without the file until it can be opened again at the next rotation.
 */
public final class LogFile implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogFile.class);
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path file;
    private final long maxSize;
    private final int maxFiles;
    private OutputStream out;
    private long size;
    private boolean failed;
    private boolean closed;

    /**
     * @param file     the file to append to (created with its folders on the first line)
     * @param maxSize  the size in bytes at which it is rotated
     * @param maxFiles the rotated files kept
     */
    public LogFile(Path file, long maxSize, int maxFiles) {
        this.file = file.toAbsolutePath().normalize();
        this.maxSize = maxSize;
        this.maxFiles = maxFiles;
    }

    /** The file written, with {@code {name}} replaced by {@code instance} ({@code #} written {@code -}). */
    public static Path resolve(Path pattern, String instance) {
        return Path.of(pattern.toString().replace("{name}", instance.replace('#', '-')));
    }

    /** The file being written. */
    public Path path() {
        return file;
    }

    /** Appends one line of the child's output. */
    public synchronized void write(Instant at, boolean stderr, String line) {
        if (closed) {
            return;
        }
        byte[] bytes = (IsoInstant.format(at) + (stderr ? " stderr " : " stdout ") + line + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            if (out == null) {
                open();
            }
            if (size > 0 && size + bytes.length > maxSize) {
                rotate();
            }
            out.write(bytes);
            out.flush();
            size += bytes.length;
            failed = false;
        } catch (IOException e) {
            if (!failed) {
                failed = true;
                LOG.warn("cannot write the output log {}: {}; output goes on without it", file, e.toString());
            }
            closeStream();
        }
    }

    /** Closes the file; later lines are dropped. */
    @Override
    public synchronized void close() {
        closed = true;
        closeStream();
    }

    private void open() throws IOException {
        Path dir = file.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            if (POSIX) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        if (POSIX && !Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE), 16 * 1024);
        size = Files.size(file);
    }

    private void rotate() throws IOException {
        closeStream();
        if (maxFiles == 0) {
            Files.deleteIfExists(file);
        } else {
            Files.deleteIfExists(numbered(maxFiles));
            for (int n = maxFiles - 1; n >= 1; n--) {
                if (Files.exists(numbered(n))) {
                    Files.move(numbered(n), numbered(n + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
        }
        open();
    }

    /** {@code file.n}. */
    public Path numbered(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    private void closeStream() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // the lines were flushed one by one; nothing more to save
            }
            out = null;
        }
    }
}
