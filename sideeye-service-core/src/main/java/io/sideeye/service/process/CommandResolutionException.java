package io.sideeye.service.process;

/** No runnable command could be made; the message says what was tried and what to do. */
public class CommandResolutionException extends Exception {
    private static final long serialVersionUID = 1L;

    public CommandResolutionException(String message) {
        super(message);
    }
}
