package io.sideeye.cli.remote;

/** A remote command could not be carried out; the message says why and what to do, {@link #exitCode()} how to exit. */
public class RemoteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /** @param exitCode the exit code the command ends with */
    public RemoteException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** The exit code the command ends with. */
    public int exitCode() {
        return exitCode;
    }
}
