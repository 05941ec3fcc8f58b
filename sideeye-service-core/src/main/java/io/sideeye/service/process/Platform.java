package io.sideeye.service.process;

import java.util.Locale;

/**
 * Facts about the operating system that change how processes and sockets are handled. Linux and
 * macOS behave alike (signals, {@code bin/python}); Windows has no signals and keeps a venv's
 * interpreter in {@code Scripts\python.exe}.
 */
public final class Platform {
    /** Whether this JVM runs on Windows. */
    public static final boolean WINDOWS =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private Platform() {
    }
}
