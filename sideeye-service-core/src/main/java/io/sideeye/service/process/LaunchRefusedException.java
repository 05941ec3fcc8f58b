package io.sideeye.service.process;

import java.io.IOException;

/**
 * A launch refused because this JVM is shutting down: a process started now could outlive it.
 * Not a failure of the backend, so nothing should retry it.
 */
public final class LaunchRefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message names the program that was not started and why */
    public LaunchRefusedException(String message) {
        super(message);
    }
}
