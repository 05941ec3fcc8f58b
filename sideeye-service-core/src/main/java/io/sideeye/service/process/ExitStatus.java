package io.sideeye.service.process;

/**
 * How a process ended.
 *
 * @param code   the exit code as Java reports it
 * @param signal the signal decoded from a {@code 128 + n} code on Unix (e.g. {@code SIGKILL}), else null
 */
public record ExitStatus(int code, String signal) {
    private static final String[] NAMES = {null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
        "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM"};

    /** Decodes {@code code}: on Unix a value of 128+n (n a known signal) means killed by signal n. */
    public static ExitStatus of(int code, boolean unix) {
        if (unix && code > 128 && code - 128 < NAMES.length) {
            return new ExitStatus(code, NAMES[code - 128]);
        }
        return new ExitStatus(code, null);
    }
}
