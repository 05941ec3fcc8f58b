package io.sideeye.service.process;

/** No runnable command could be made; the message says what was tried and what to do. */
public class CommandResolutionException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what was tried, why it failed and what to do, as shown to the user */
    public CommandResolutionException(String message) {
        super(message);
    }
}
