package io.sideeye.cli;

/** The exit codes of {@code sideeye}, as documented in {@code docs/CLI.md}. */
public final class ExitCodes {
    /** Success; for {@code run}: the backend was stopped cleanly. */
    public static final int OK = 0;
    /** The service ended FAILED, a check or step failed, or the requested operation failed. */
    public static final int FAILED = 1;
    /** Bad configuration or bad command-line usage; nothing was started. */
    public static final int CONFIG = 2;
    /** No running {@code sideeye run} could be reached (remote commands). */
    public static final int UNREACHABLE = 3;
    /** A second Ctrl-C forced the stop: the backend was killed. */
    public static final int FORCED = 130;

    private ExitCodes() {
    }
}
