package io.sideeye.cli.health;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The number of consecutive failed health checks, kept in a small file between one-shot checks
 * (a watchdog timer starts a new process for each). A missing or unreadable file counts as 0; the
 * file is replaced atomically, so a check killed halfway never leaves half a number.
 */
public final class FailureCount {
    private final Path file;

    /** @param file where the count is kept; its folder is created (mode 0700) when missing */
    public FailureCount(Path file) {
        this.file = file;
    }

    /** The count so far: 0 when there is no file or it holds no number. */
    public int read() {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            return Math.max(0, Integer.parseInt(text));
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Replaces the count.
     *
     * @throws UncheckedIOException naming the file when it cannot be written
     */
    public void write(int count) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                createPrivateDirectory(dir);
            }
            Path temp = Files.createTempFile(dir, ".failures", ".tmp");
            Files.writeString(temp, count + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the failure count in " + file + ": " + e.getMessage()
                    + "; give --state-file a path in a folder this user can write", e);
        }
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir);
        }
    }
}
