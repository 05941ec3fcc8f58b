package io.sideeye.desktop.install;

import io.sideeye.desktop.model.EventDescriptions;
import io.sideeye.service.ServiceEvent;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;

/**
 * The backend's output and the manager's events, as the window's log shows them, written to
 * {@code backend.log} in the installed app's logs folder. The previous run's file is kept as
 * {@code backend.log.1}. A failure to write is reported once and then ignored: the log file
 * never stops the app.
 */
public final class BackendLogFile implements Consumer<ServiceEvent>, AutoCloseable {
    private final Writer out;
    private boolean failed;

    private BackendLogFile(Writer out) {
        this.out = out;
    }

    /** Opens {@code dir/backend.log} for this run, creating the folder. */
    public static BackendLogFile open(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("backend.log");
        if (Files.exists(file)) {
            Files.move(file, dir.resolve("backend.log.1"), StandardCopyOption.REPLACE_EXISTING);
        }
        return new BackendLogFile(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void accept(ServiceEvent event) {
        if (failed) {
            return;
        }
        try {
            out.write(EventDescriptions.of(event).toText());
            out.write(System.lineSeparator());
            out.flush();
        } catch (IOException e) {
            failed = true;
            System.err.println("sideeye-desktop: cannot write the log file (" + e.getMessage() + "); going on without it");
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
