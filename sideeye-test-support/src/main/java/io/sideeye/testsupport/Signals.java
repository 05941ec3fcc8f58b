package io.sideeye.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Signals sent by name ({@code TERM}, {@code KILL}, {@code STOP}, ...) through the system's {@code kill}: argv, no shell. */
public final class Signals {
    private Signals() {
    }

    /**
     * Sends {@code name} to {@code pid}.
     *
     * @throws AssertionError when {@code kill} fails (e.g. the process is gone), with its exit code
     */
    public static void send(long pid, String name) throws IOException, InterruptedException {
        run(name, Long.toString(pid));
    }

    /**
     * Sends {@code name} to the whole process group that {@code leader} leads ({@code kill -NAME -- -PID}).
     *
     * @throws AssertionError when {@code kill} fails, with its exit code
     */
    public static void sendToGroup(long leader, String name) throws IOException, InterruptedException {
        run(name, "--", "-" + leader);
    }

    /** Sends {@code name} to {@code pid}, discarding {@code kill}'s output; false when it failed (e.g. the process is gone). */
    public static boolean trySend(long pid, String name) {
        try {
            return new ProcessBuilder("kill", "-" + name, Long.toString(pid)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill -" + name + " " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending " + name + " to " + pid, e);
        }
    }

    private static void run(String name, String... target) throws IOException, InterruptedException {
        String[] argv = new String[target.length + 2];
        argv[0] = "kill";
        argv[1] = "-" + name;
        System.arraycopy(target, 0, argv, 2, target.length);
        int code = new ProcessBuilder(argv).inheritIO().start().waitFor();
        if (code != 0) {
            throw new AssertionError(String.join(" ", argv) + " failed with " + code);
        }
    }
}
