package io.sideeye.service.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts real child processes with {@link ProcessBuilder}: the argv as given (never through a
 * shell), the working directory, the inherited environment plus the spec's additions.
 *
 * <p>The child's standard input stays open as a pipe that is never written or closed: if the
 * JVM dies without running its shutdown hooks, the child sees end-of-file there and can exit
 * (the watchdog contract). Standard output and error are separate pipes, each drained by its own
 * daemon thread into {@link LaunchSpec#output()} (a null listener discards the lines, the pipes
 * are drained all the same). Every child is guarded against outliving a normal JVM exit: once
 * the JVM's shutdown has begun, {@link #launch} refuses with {@link LaunchRefusedException}, and
 * a launch under way at that moment is waited for and its child ended with the others.
 *
 * <p>On Linux each child runs in a session and process group of its own (see {@link OwnSession}):
 * a signal sent to the JVM's process group reaches the JVM only, which then stops its children
 * itself. The child keeps the pid the JVM sees; messages name the spec's command, never the
 * {@code setsid} prefix.
 */
public final class SystemProcessLauncher implements ProcessLauncher {

    /** A launcher for the local operating system. */
    public SystemProcessLauncher() {
    }

    /**
     * {@inheritDoc}
     *
     * @throws LaunchRefusedException when this JVM is shutting down
     */
    @Override
    public ChildProcess launch(LaunchSpec spec) throws IOException {
        if (spec.command().isEmpty() || spec.command().get(0).isBlank()) {
            throw new IOException("cannot start a process: the command is empty; give the program to run first");
        }
        List<String> argv = OwnSession.argv(spec.command(), spec.directory());
        boolean ownSession = argv.size() > spec.command().size(); // the setsid prefix was added
        ProcessBuilder builder = new ProcessBuilder(argv);
        if (spec.directory() != null) {
            builder.directory(spec.directory().toFile());
        }
        builder.environment().putAll(spec.environment());
        builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.redirectOutput(ProcessBuilder.Redirect.PIPE);
        builder.redirectError(ProcessBuilder.Redirect.PIPE);

        OrphanGuard.JVM.admit(spec.command().get(0)); // refused once the JVM's shutdown has begun
        SystemChildProcess child = null;
        try {
            child = new SystemChildProcess(start(builder, spec), ownSession, spec.output());
            return child;
        } finally {
            OrphanGuard.JVM.spawned(child); // the shutdown hook waits for this before it ends the children
        }
    }

    private static Process start(ProcessBuilder builder, LaunchSpec spec) throws IOException {
        String program = spec.command().get(0);
        Path directory = spec.directory();
        if (directory != null && !Files.isDirectory(directory)) {
            throw new IOException("cannot start '" + program + "': working directory " + directory.toAbsolutePath()
                    + " does not exist; check projectDir");
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new IOException("cannot start '" + program + "'"
                    + (directory == null ? "" : " in " + directory.toAbsolutePath()) + ": " + reason(e)
                    + "; check that the program exists and is executable, or give its full path", e);
        }
    }

    /** The operating system's reason without Java's wrapping, e.g. {@code No such file or directory}. */
    private static String reason(IOException e) {
        String message = String.valueOf(e.getMessage());
        int detail = message.indexOf("error=");
        if (detail >= 0) {
            int comma = message.indexOf(", ", detail);
            return comma >= 0 ? message.substring(comma + 2) : message.substring(detail);
        }
        return message;
    }
}
