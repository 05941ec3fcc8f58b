package io.sideeye.testsupport;

import java.io.IOException;

/**
 * Whether a process still runs. A process that exited but was not yet reaped by its (new)
 * parent is a zombie: it runs no code and holds no port, yet {@code ProcessHandle.isAlive()}
 * reports it alive until init reaps it, which can take seconds on some machines.
 */
public final class Liveness {
    private Liveness() {
    }

    /** Whether {@code pid} exists and is not a zombie (Linux: the state field of {@code /proc/PID/stat}). */
    public static boolean running(long pid) {
        try {
            return ProcStat.of(pid).state() != 'Z';
        } catch (IOException e) {
            return false; // gone
        }
    }
}
