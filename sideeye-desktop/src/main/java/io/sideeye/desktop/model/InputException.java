package io.sideeye.desktop.model;

/** Input the user typed cannot be used; the message says what is wrong and how to fix it. */
public final class InputException extends Exception {
    private static final long serialVersionUID = 1L;

    /** An input error with a message meant for the user. */
    public InputException(String message) {
        super(message);
    }
}
