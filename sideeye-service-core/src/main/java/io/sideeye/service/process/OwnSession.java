package io.sideeye.service.process;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts children in a session (and so a process group) of their own, so that a signal aimed at
 * the manager's process group (a terminal's Ctrl-C, {@code timeout}, a service manager's group
 * kill) reaches only the manager, which then stops its services in order, instead of reaching
 * every backend at once and having their exits taken for crashes.
 *
 * <p>{@link ProcessBuilder} cannot call {@code setsid()} itself, so the argv is prefixed with the
 * system's {@code setsid} program (util-linux or BusyBox), found only at {@code /usr/bin/setsid}
 * or {@code /bin/setsid}, never through {@code PATH}. A child of the JVM is never a process group
 * leader, so {@code setsid} calls {@code setsid()} and executes the program in place: the pid
 * the JVM sees, its start time and its tree are the program's own. Without {@code setsid}
 * (Windows, most macOS systems) or when the program cannot be found, the argv is returned as
 * given and the child shares the manager's process group, as before.
 */
final class OwnSession {
    private static final Logger LOG = LoggerFactory.getLogger(OwnSession.class);
    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));
    private static final Optional<Path> SETSID = locate();

    private OwnSession() {
    }

    /** Whether children are started in a session of their own on this system. */
    static boolean available() {
        return SETSID.isPresent();
    }

    /**
     * The argv that runs {@code command} in {@code directory} in a new session: {@code setsid}
     * followed by the program (a bare name resolved on this JVM's {@code PATH}, as
     * {@link ProcessBuilder} does) and its arguments verbatim. Returns {@code command} itself
     * when there is no {@code setsid} or the program is not an executable file, so that starting
     * it fails exactly as it would have, naming the user's program.
     */
    static List<String> argv(List<String> command, Path directory) {
        if (SETSID.isEmpty() || command.isEmpty()) {
            return command;
        }
        Optional<String> program = executable(command.get(0), directory);
        if (program.isEmpty()) {
            return command;
        }
        List<String> argv = new ArrayList<>(command.size() + 1);
        argv.add(SETSID.get().toString());
        argv.add(program.get());
        argv.addAll(command.subList(1, command.size()));
        return argv;
    }

    /**
     * The program as {@code setsid} should be given it: a path (absolute, or relative to the
     * working directory, which {@code setsid} shares) as written when it names an executable
     * file; a bare name as the executable it names on this JVM's {@code PATH}.
     */
    private static Optional<String> executable(String program, Path directory) {
        if (program.isBlank()) {
            return Optional.empty();
        }
        if (!program.contains("/")) {
            return Executables.onPath(program).map(Path::toString);
        }
        try {
            Path file = directory == null ? Path.of(program) : directory.resolve(program);
            return Files.isRegularFile(file) && Files.isExecutable(file) ? Optional.of(program) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> locate() {
        if (Platform.WINDOWS) {
            return Optional.empty();
        }
        Optional<Path> found = CANDIDATES.stream().filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
                .findFirst();
        if (found.isEmpty()) {
            LOG.debug("no setsid program at {}: backends share this process's process group, so a signal sent"
                    + " to the whole group reaches them directly", CANDIDATES);
        }
        return found;
    }
}
